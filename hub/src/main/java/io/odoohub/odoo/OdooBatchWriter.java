package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooFaultException;

import io.odoohub.odoo.fault.OdooException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes many records in few calls: batches of {@code batchSize}, and when Odoo refuses a batch, splits it to
 * find the bad records, writes the good ones and reports each bad one with Odoo's reason.
 *
 * <p>{@code load} names suspects in its messages, but not reliably (Odoo 18 also pins a batch's error on its first
 * record), so a record is reported bad only after a call of its own failed: the unblamed records are written in one
 * more call, then each blamed record alone. A refused {@code create} says nothing about which row was bad, so the
 * batch is halved until the bad rows stand alone.
 * Retryable errors are thrown (the route's error policy retries); the {@link BatchResult} remembers what was
 * already settled so that a retry does not write anything twice.
 *
 * <p>{@link #loadAll} is the other mode, for records that must all be written or none: one call, and a refusal is
 * thrown whole.
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

    /**
     * Loads every record in one call, for records that stand or fall together: their ids in order, or, when Odoo
     * refused any record (then {@code load} wrote none), an {@link OdooLoadRefusedException} with Odoo's messages. No
     * bad-row isolation: the caller's unit of work (an inbox batch, which the drain then applies event by event; a
     * scheduled run) is what is tried again. Retryable only when the refusal names a concurrent update in Odoo.
     */
    public static List<Integer> loadAll(OdooClient client, String model, List<String> fields, List<LoadRecord> records,
                                        Map<String, ?> context) {
        if (records.isEmpty()) {
            return List.of();
        }
        OdooClient.LoadResponse response = client.load(model, fields, rowsOf(records), context);
        if (response.rejected() || response.messages().stream().anyMatch(OdooClient.LoadMessage::isError)) {
            throw new OdooLoadRefusedException(model, records.size(), response.messages());
        }
        if (response.ids().size() != records.size()) {
            throw new IllegalStateException("Odoo's load of " + records.size() + " " + model + " record(s) answered "
                    + response.ids().size() + " ids");
        }
        return response.ids();
    }

    /**
     * {@link #loadAll(OdooClient, String, List, List, Map)} of maps (see {@link LoadTable}): one call per set of columns
     * ({@link LoadTable#groupsByColumns}), the ids in the order of {@code rows}.
     */
    public static List<Integer> loadAll(OdooClient client, String model, List<? extends Map<String, ?>> rows, Map<String, ?> context) {
        Integer[] ids = new Integer[rows.size()];
        for (List<Integer> group : LoadTable.groupsByColumns(rows)) {
            List<Map<String, ?>> maps = new ArrayList<>(group.size());
            group.forEach(i -> maps.add(rows.get(i)));
            LoadTable table = LoadTable.fromMaps(maps);
            List<Integer> loaded = loadAll(client, model, table.fields(), table.records(), context);
            for (int k = 0; k < group.size(); k++) {
                ids[group.get(k)] = loaded.get(k);
            }
        }
        return Arrays.asList(ids);
    }

    /**
     * Loads {@code indexes} in one call; when Odoo refuses it, takes its messages as suspicion only. Odoo 18's
     * {@code load} retries a refused batch row by row and then also pins the batch's error on the batch's first
     * row, so an innocent row can be blamed. The rows it did not blame are written first (which confirms them), then
     * each blamed row is tried alone. A refusal that names no record is halved instead.
     */
    private void loadIsolating(String model, List<String> fields, List<LoadRecord> records, List<Integer> indexes,
                               Map<String, ?> context, BatchResult result) {
        OdooClient.LoadResponse response;
        try {
            result.countCall();
            response = client.load(model, fields, rowsOf(indexes.stream().map(records::get).toList()), context);
        } catch (OdooException e) {
            if (e.isRetryable() || isConnectionLevel(e)) {
                throw e;
            }
            if (indexes.size() == 1) {
                result.failed(new RowFailure(indexes.get(0), reason(e), null, e));
            } else {
                halve(model, fields, records, indexes, context, result);
            }
            return;
        }
        if (!response.rejected()) {
            settle(indexes, response.ids(), result);
            return;
        }
        if (indexes.size() == 1) {
            // alone in the call: every error is this record's own
            result.failed(new RowFailure(indexes.get(0), joined(response.messages()), firstField(response.messages()), null));
            return;
        }
        Map<Integer, List<OdooClient.LoadMessage>> blamed = errorsByRecord(response, indexes.size());
        if (blamed.isEmpty()) {
            halve(model, fields, records, indexes, context, result);
            return;
        }
        List<Integer> unblamed = new ArrayList<>();
        for (int k = 0; k < indexes.size(); k++) {
            if (!blamed.containsKey(k)) {
                unblamed.add(indexes.get(k));
            }
        }
        if (!unblamed.isEmpty()) {
            loadIsolating(model, fields, records, unblamed, context, result);
        }
        for (int k : blamed.keySet()) {
            // a record fails only in a call of its own: the reason is then its own, whatever load pinned where
            loadIsolating(model, fields, records, List.of(indexes.get(k)), context, result);
        }
    }

    /** Odoo refused without naming usable records: halve until the bad ones stand alone. */
    private void halve(String model, List<String> fields, List<LoadRecord> records, List<Integer> indexes,
                       Map<String, ?> context, BatchResult result) {
        int half = indexes.size() / 2;
        loadIsolating(model, fields, records, new ArrayList<>(indexes.subList(0, half)), context, result);
        loadIsolating(model, fields, records, new ArrayList<>(indexes.subList(half, indexes.size())), context, result);
    }

    private static List<List<String>> rowsOf(List<LoadRecord> records) {
        List<List<String>> rows = new ArrayList<>();
        for (LoadRecord r : records) {
            rows.addAll(r.rows());
        }
        return rows;
    }

    private static void settle(List<Integer> indexes, List<Integer> ids, BatchResult result) {
        for (int k = 0; k < indexes.size(); k++) {
            Integer id = k < ids.size() ? ids.get(k) : null;
            if (id == null) {
                result.failed(new RowFailure(indexes.get(k), "Odoo's load returned no id for this record", null, null));
            } else {
                result.written(indexes.get(k), id);
            }
        }
    }

    /** Error messages keyed by the record's position in the call; empty when any error names no usable record. */
    private static Map<Integer, List<OdooClient.LoadMessage>> errorsByRecord(OdooClient.LoadResponse response, int count) {
        Map<Integer, List<OdooClient.LoadMessage>> out = new TreeMap<>();
        for (OdooClient.LoadMessage m : response.messages()) {
            if (!m.isError()) {
                continue;
            }
            if (m.record() < 0 || m.record() >= count) {
                return Map.of();
            }
            out.computeIfAbsent(m.record(), k -> new ArrayList<>()).add(m);
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

    /** The distinct error texts: Odoo 18 can repeat a record's error once for the batch and once for the record. */
    private static String joined(List<OdooClient.LoadMessage> messages) {
        Set<String> texts = new LinkedHashSet<>();
        for (OdooClient.LoadMessage m : messages) {
            if (m.isError()) {
                texts.add(m.message());
            }
        }
        return texts.isEmpty() ? "Odoo refused the record without a message" : String.join("; ", texts);
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
