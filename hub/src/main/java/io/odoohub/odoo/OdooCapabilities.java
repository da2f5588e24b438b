package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooFaultException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Odoo database has, read from the server instead of assumed: its version, its installed modules (when the
 * user may read {@code ir.module.module}, which Odoo keeps to administrators) and the fields of each model asked about
 * ({@code fields_get}, which any user with read access may call; a model the database lacks answers "Object ... doesn't
 * exist"). Each model is read once and cached; {@link #refresh()} forgets everything (after a module is installed).
 *
 * <p>One instance per {@link OdooClient} ({@link OdooClient#capabilities()}), so every connector on one connection
 * shares what was read.
 */
public final class OdooCapabilities {

    private static final Logger LOG = LoggerFactory.getLogger(OdooCapabilities.class);

    /** One requirement as the database answers it. */
    public record Finding(OdooRequirement requirement, boolean present) {

        /** A sentence for the log, health and test-connection, e.g. "missing sale.order.carrier_id (module delivery) ...". */
        public String message() {
            OdooRequirement r = requirement;
            if (present) {
                return r.name() + " present (" + r.purpose() + ")";
            }
            return "missing " + r.name() + " (module " + r.module() + ", for " + r.purpose() + "): "
                    + (r.optional() ? r.fallback() : "this cannot work without it");
        }
    }

    private final OdooClient client;
    private final Map<String, Optional<Set<String>>> fieldsByModel = new ConcurrentHashMap<>();
    private volatile Optional<Set<String>> modules;

    OdooCapabilities(OdooClient client) {
        this.client = client;
    }

    /** Whether the database has the model. */
    public boolean hasModel(String model) {
        return fields(model).isPresent();
    }

    /** Whether the database has the model and the field on it. */
    public boolean hasField(String model, String field) {
        return fields(model).map(f -> f.contains(field)).orElse(false);
    }

    /** The field names of a model, or empty when the database lacks the model. */
    public Optional<Set<String>> fields(String model) {
        Optional<Set<String>> known = fieldsByModel.get(model);
        if (known != null) {
            return known;
        }
        Optional<Set<String>> read;
        try {
            read = Optional.of(Set.copyOf(new TreeSet<>(client.fieldsGet(model, List.of("type")).keySet())));
        } catch (OdooFaultException e) {
            if (!missingModel(e, model)) {
                throw e;
            }
            read = Optional.empty();
        }
        fieldsByModel.put(model, read);
        return read;
    }

    /**
     * The installed modules, or empty when this user may not read them (Odoo lets only administrators read
     * {@code ir.module.module}); then requirements are still checked by their models and fields.
     */
    public Optional<Set<String>> installedModules() {
        Optional<Set<String>> known = modules;
        if (known != null) {
            return known;
        }
        Optional<Set<String>> read;
        try {
            List<Map<String, Object>> rows = client.searchRead("ir.module.module",
                    List.of(List.of("state", "in", List.of("installed", "to upgrade"))), List.of("name"), null, 0, 0, null);
            Set<String> names = new TreeSet<>();
            rows.forEach(r -> names.add(String.valueOf(r.get("name"))));
            read = Optional.of(Set.copyOf(names));
        } catch (OdooFaultException e) {
            if (e.getKind() != OdooFaultException.Kind.ACCESS_ERROR) {
                throw e;
            }
            LOG.info("Odoo user '{}' may not read the installed modules; what the hub needs is checked by models and fields",
                    client.login());
            read = Optional.empty();
        }
        modules = read;
        return read;
    }

    /** Checks every requirement: one {@code fields_get} per distinct model not read before. */
    public List<Finding> check(Collection<OdooRequirement> requirements) {
        List<Finding> out = new ArrayList<>();
        for (OdooRequirement r : requirements) {
            boolean present = r.field() == null ? hasModel(r.model()) : hasField(r.model(), r.field());
            out.add(new Finding(r, present));
        }
        return out;
    }

    /** Forgets what was read, so the next question asks the server again. */
    public void refresh() {
        fieldsByModel.clear();
        modules = null;
    }

    private static boolean missingModel(OdooFaultException e, String model) {
        if (e.isUnknownModel(model)) {
            return true;
        }
        String text = (e.getOdooMessage() == null ? "" : e.getOdooMessage()) + " " + (e.getFaultString() == null ? "" : e.getFaultString());
        return text.contains("doesn't exist") && text.contains(model);
    }
}
