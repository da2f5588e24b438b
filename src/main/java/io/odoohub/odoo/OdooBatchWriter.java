package io.odoohub.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes many records in few calls: batches of {@code batchSize}, and when Odoo refuses a batch, splits it to
 * find the bad records, writes the good ones and reports each bad one with Odoo's reason.
 *
 * <p>{@code load} names the bad records in its messages, so one more call writes the rest. A refused
 * {@code create} says nothing about which row was bad, so the batch is halved until the bad rows stand alone.
 * Retryable errors are thrown (the route's error policy retries); the {@link BatchResult} remembers what was
 * already settled so that a retry does not write anything twice.
 */
public final class OdooBatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OdooBatchWriter.class);

    private final OdooClient client;
    private final int batchSize;

    public OdooBatchWriter(OdooClient client, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.client = client;
        this.batchSize = batchSize;
    }

    /** Creates every row, {@code batchSize} per call. */
    public BatchResult create(String model, List<? extends Map<String, ?>> rows, Map<String, ?> context) {
        return create(model, rows, context, new BatchResult(rows.size()));
    }

    /** Continues {@code progress} (from an earlier, interrupted attempt at the same rows). */
    public BatchResult create(String model, List<? extends Map<String, ?>> rows, Map<String, ?> context, BatchResult progress) {
        checkSize(rows.size(), progress);
        for (List<Integer> batch : pendingBatches(progress)) {
            createIsolating(model, rows, batch, context, progress);
        }
        log("create", model, progress);
        return progress;
    }

    private void createIsolating(String model, List<? extends Map<String, ?>> rows, List<Integer> indexes,
                                 Map<String, ?> context, BatchResult result) {
        List<Map<String, ?>> values = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            values.add(rows.get(i));
        }
        try {
            result.countCall();
            List<Integer> ids = client.create(model, values, context);
            for (int k = 0; k < indexes.size(); k++) {
                result.written(indexes.get(k), ids.get(k));
            }
        } catch (OdooException e) {
            if (e.isRetryable() || isConnectionLevel(e)) {
                throw e;
            }
            if (indexes.size() == 1) {
                result.failed(new RowFailure(indexes.get(0), reason(e), null, e));
                return;
            }
            int half = indexes.size() / 2;
            createIsolating(model, rows, indexes.subList(0, half), context, result);
            createIsolating(model, rows, indexes.subList(half, indexes.size()), context, result);
        }
    }

    /** Upserts every record through {@code load}, {@code batchSize} records per call. */
    public BatchResult load(String model, List<String> fields, List<LoadRecord> records, Map<String, ?> context) {
        return load(model, fields, records, context, new BatchResult(records.size()));
    }

    public BatchResult load(String model, List<String> fields, List<LoadRecord> records, Map<String, ?> context,
                            BatchResult progress) {
        checkSize(records.size(), progress);
        for (List<Integer> batch : pendingBatches(progress)) {
            loadIsolating(model, fields, records, batch, context, progress);
        }
        log("load", model, progress);
        return progress;
    }

    private void loadIsolating(String model, List<String> fields, List<LoadRecord> records, List<Integer> indexes,
                               Map<String, ?> context, BatchResult result) {
        List<Integer> pending = new ArrayList<>(indexes);
        while (!pending.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (int i : pending) {
                rows.addAll(records.get(i).rows());
            }
            OdooClient.LoadResponse response;
            try {
                result.countCall();
                response = client.load(model, fields, rows, context);
            } catch (OdooException e) {
                if (e.isRetryable() || isConnectionLevel(e)) {
                    throw e;
                }
                bisect(model, fields, records, pending, context, result, e);
                return;
            }
            if (!response.rejected()) {
                for (int k = 0; k < pending.size(); k++) {
                    Integer id = k < response.ids().size() ? response.ids().get(k) : null;
                    if (id == null) {
                        result.failed(new RowFailure(pending.get(k), "Odoo's load returned no id for this record", null, null));
                    } else {
                        result.written(pending.get(k), id);
                    }
                }
                return;
            }
            Map<Integer, List<OdooClient.LoadMessage>> byRecord = errorsByRecord(response, pending.size());
            if (byRecord.isEmpty()) {
                // Odoo refused without naming a record: halve until the bad ones stand alone
                if (pending.size() == 1) {
                    result.failed(new RowFailure(pending.get(0), joined(response.messages()), firstField(response.messages()), null));
                    return;
                }
                int half = pending.size() / 2;
                loadIsolating(model, fields, records, new ArrayList<>(pending.subList(0, half)), context, result);
                loadIsolating(model, fields, records, new ArrayList<>(pending.subList(half, pending.size())), context, result);
                return;
            }
            List<Integer> next = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                List<OdooClient.LoadMessage> errors = byRecord.get(k);
                if (errors == null) {
                    next.add(pending.get(k));
                } else {
                    result.failed(new RowFailure(pending.get(k), joined(errors), firstField(errors), null));
                }
            }
            pending = next;
        }
    }

    private void bisect(String model, List<String> fields, List<LoadRecord> records, List<Integer> pending,
                        Map<String, ?> context, BatchResult result, OdooException e) {
        if (pending.size() == 1) {
            result.failed(new RowFailure(pending.get(0), reason(e), null, e));
            return;
        }
        int half = pending.size() / 2;
        loadIsolating(model, fields, records, new ArrayList<>(pending.subList(0, half)), context, result);
        loadIsolating(model, fields, records, new ArrayList<>(pending.subList(half, pending.size())), context, result);
    }

    /** Error messages keyed by the record's position in the call; messages without a usable record are dropped. */
    private static Map<Integer, List<OdooClient.LoadMessage>> errorsByRecord(OdooClient.LoadResponse response, int count) {
        Map<Integer, List<OdooClient.LoadMessage>> out = new LinkedHashMap<>();
        for (OdooClient.LoadMessage m : response.messages()) {
            if (m.isError() && m.record() >= 0 && m.record() < count) {
                out.computeIfAbsent(m.record(), k -> new ArrayList<>()).add(m);
            }
        }
        // an error Odoo could not pin to a record means we cannot trust the pinned ones to be all
        for (OdooClient.LoadMessage m : response.messages()) {
            if (m.isError() && (m.record() < 0 || m.record() >= count)) {
                return Map.of();
            }
        }
        return out;
    }

    /** Faults that no record can cause: a bad login, a missing model or method. Not worth splitting for. */
    private static boolean isConnectionLevel(OdooException e) {
        if (!(e instanceof OdooFaultException f)) {
            return true;
        }
        if (f.getKind() == OdooFaultException.Kind.ACCESS_DENIED || f.getKind() == OdooFaultException.Kind.ACCESS_ERROR) {
            return true;
        }
        String msg = f.getOdooMessage() == null ? "" : f.getOdooMessage();
        // JSON-2 answers an unknown model or method, bad arguments or a missing database with a Werkzeug error
        return msg.startsWith("Object ") && msg.endsWith("doesn't exist")
                || "AttributeError".equals(f.getOdooType())
                || f.getOdooType() != null && f.getOdooType().startsWith("werkzeug.exceptions.");
    }

    private static String reason(OdooException e) {
        return e instanceof OdooFaultException f ? f.getOdooMessage() : e.getMessage();
    }

    private static String joined(List<OdooClient.LoadMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (OdooClient.LoadMessage m : messages) {
            if (!m.isError()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(m.message());
        }
        return sb.isEmpty() ? "Odoo refused the record without a message" : sb.toString();
    }

    private static String firstField(List<OdooClient.LoadMessage> messages) {
        for (OdooClient.LoadMessage m : messages) {
            if (m.isError() && m.field() != null) {
                return m.field();
            }
        }
        return null;
    }

    private List<List<Integer>> pendingBatches(BatchResult progress) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>(batchSize);
        for (int i = 0; i < progress.size(); i++) {
            if (progress.isSettled(i)) {
                continue;
            }
            current.add(i);
            if (current.size() == batchSize) {
                batches.add(current);
                current = new ArrayList<>(batchSize);
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static void checkSize(int size, BatchResult progress) {
        if (progress.size() != size) {
            throw new IllegalArgumentException("progress covers " + progress.size() + " records, input has " + size);
        }
    }

    private static void log(String op, String model, BatchResult result) {
        if (result.failedCount() > 0) {
            LOG.warn("{} {}: {} written, {} refused by Odoo, {} calls", op, model, result.writtenCount(), result.failedCount(), result.calls());
        } else {
            LOG.debug("{} {}: {} written, {} calls", op, model, result.writtenCount(), result.calls());
        }
    }
}
