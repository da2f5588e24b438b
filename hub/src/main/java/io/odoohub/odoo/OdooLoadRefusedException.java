package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooFaultException;

import io.odoohub.odoo.fault.OdooException;

import java.util.List;

/**
 * Odoo's {@code load} rolled a whole call back ({@code ids: false}), thrown by {@link OdooBatchWriter#loadAll} for code
 * that needs every row of it (no bad-row isolation). Retryable when its errors name a lock, serialization or deadlock failure: {@code load} reports those per
 * record, as "could not serialize access due to concurrent update", instead of retrying the transaction as Odoo does for
 * other calls, and they come from a concurrent update in Odoo (one of its crons, a user), not from the rows.
 */
public final class OdooLoadRefusedException extends OdooException {

    private final boolean transientFailure;

    public OdooLoadRefusedException(String model, int rows, List<OdooClient.LoadMessage> messages) {
        super("Odoo refused the " + model + " load of " + rows + " row(s): " + summary(messages), null);
        this.transientFailure = messages.stream().anyMatch(m -> m.isError() && OdooFaultException.isTransient(m.message()));
    }

    @Override
    public boolean isRetryable() {
        return transientFailure;
    }

    private static String summary(List<OdooClient.LoadMessage> messages) {
        List<String> errors = messages.stream().filter(OdooClient.LoadMessage::isError).map(m -> m.message().strip()).distinct().toList();
        if (errors.isEmpty()) {
            return "no error message";
        }
        return String.join("; ", errors.subList(0, Math.min(3, errors.size())));
    }
}
