package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooTransportException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.odoo.transport.OdooTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * How {@link OdooBatchWriter#load} isolates bad records against a {@code load} that answers as Odoo 18's
 * {@code models.load} does: all or nothing, the refused batch retried row by row (each bad row blamed with its own
 * error, stopped after 10 errors when at least one row in 10 failed), and the batch's own error pinned on the
 * batch's first record, good or bad. The real server is in {@link BadRowIsolationIT}.
 */
class OdooBatchWriterTest {

    private static final List<String> FIELDS = List.of("id", "name");

    @Test
    void oneBadRecordInFiveHundredIsFourCallsAndTheBlamedFirstRecordIsWritten() {
        Odoo18Load odoo = new Odoo18Load(Set.of(250));
        BatchResult result = new OdooBatchWriter(odoo.client(), 500).load("product.template", FIELDS, records(500), null);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(250);
            assertThat(f.message()).isEqualTo("row 250 is bad");
        });
        assertThat(result.writtenCount()).isEqualTo(499);
        assertThat(odoo.written).hasSize(499).contains("r0");
        // refused, the 498 unblamed written, then record 0 (blamed with 250's error) and 250 each alone
        assertThat(result.calls()).isEqualTo(4);
        assertThat(odoo.callSizes).containsExactly(500, 498, 1, 1);
    }

    @Test
    void fiveBadRecordsInFiveHundredAreEightCalls() {
        Set<Integer> bad = Set.of(7, 99, 250, 251, 499);
        Odoo18Load odoo = new Odoo18Load(bad);
        BatchResult result = new OdooBatchWriter(odoo.client(), 500).load("product.template", FIELDS, records(500), null);

        assertThat(result.failures()).extracting(RowFailure::index).containsExactlyElementsOf(new TreeSet<>(bad));
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.message()).isEqualTo("row " + f.index() + " is bad"));
        assertThat(result.writtenCount()).isEqualTo(495);
        assertThat(result.calls()).isEqualTo(8);
    }

    @Test
    void noBadRecordIsOneCall() {
        Odoo18Load odoo = new Odoo18Load(Set.of());
        BatchResult result = new OdooBatchWriter(odoo.client(), 500).load("product.template", FIELDS, records(500), null);
        assertThat(result.writtenCount()).isEqualTo(500);
        assertThat(result.calls()).isEqualTo(1);
    }

    @Test
    void aBadFirstRecordIsBlamedOnceAndFailsWithItsOwnError() {
        Odoo18Load odoo = new Odoo18Load(Set.of(0, 9));
        BatchResult result = new OdooBatchWriter(odoo.client(), 500).load("product.template", FIELDS, records(20), null);
        assertThat(result.failures()).extracting(RowFailure::message).containsExactly("row 0 is bad", "row 9 is bad");
        assertThat(result.calls()).isEqualTo(4);
    }

    @Test
    void whenEveryRecordIsBadEachFailsAloneAfterTheInterruptedRetriesNamedTenAtATime() {
        Set<Integer> all = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            all.add(i);
        }
        Odoo18Load odoo = new Odoo18Load(all);
        BatchResult result = new OdooBatchWriter(odoo.client(), 500).load("product.template", FIELDS, records(30), null);

        assertThat(result.writtenCount()).isZero();
        assertThat(result.failures()).hasSize(30).allSatisfy(f -> assertThat(f.message()).isEqualTo("row " + f.index() + " is bad"));
        assertThat(odoo.callSizes).startsWith(30, 20, 10);
        assertThat(result.calls()).isEqualTo(33);
    }

    @Test
    void aRefusalThatNamesNoRecordIsHalved() {
        Odoo18Load odoo = new Odoo18Load(Set.of(5));
        odoo.unpinned = true;
        BatchResult result = new OdooBatchWriter(odoo.client(), 500).load("product.template", FIELDS, records(8), null);
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.index()).isEqualTo(5));
        assertThat(odoo.callSizes).containsExactly(8, 4, 4, 2, 1, 1, 2);
    }

    @Test
    void aTransientErrorWhileIsolatingIsThrownAndTheRetryWritesNothingTwice() {
        Odoo18Load odoo = new Odoo18Load(Set.of(250));
        odoo.failCall = 3; // record 0 alone
        OdooBatchWriter writer = new OdooBatchWriter(odoo.client(), 500);
        BatchResult progress = new BatchResult(500);
        assertThatThrownBy(() -> writer.load("product.template", FIELDS, records(500), null, progress))
                .isInstanceOfSatisfying(OdooTransportException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThat(progress.writtenCount()).isEqualTo(498);

        writer.load("product.template", FIELDS, records(500), null, progress);
        assertThat(progress.writtenCount()).isEqualTo(499);
        assertThat(progress.failures()).singleElement().satisfies(f -> assertThat(f.index()).isEqualTo(250));
        assertThat(odoo.written).hasSize(499).doesNotHaveDuplicates();
        // after the interruption: records 0 and 250 together (0 blamed again by 250's error), then each alone
        assertThat(odoo.callSizes.subList(3, odoo.callSizes.size())).containsExactly(2, 1, 1);
    }

    @Test
    void loadAllIsOneCallAndAnswersTheIdsInOrder() {
        Odoo18Load odoo = new Odoo18Load(Set.of());
        List<Integer> ids = OdooBatchWriter.loadAll(odoo.client(), "res.partner", FIELDS, records(30), null);
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        assertThat(odoo.written).hasSize(30).startsWith("r0", "r1");
        assertThat(odoo.callSizes).containsExactly(30);
        // the same records again: the same ids, in the same order
        assertThat(OdooBatchWriter.loadAll(odoo.client(), "res.partner", FIELDS, records(30), null)).isEqualTo(ids);
    }

    @Test
    void loadAllThrowsARefusalWithTheRowsMessagesAndWritesNothing() {
        Odoo18Load odoo = new Odoo18Load(Set.of(3, 17));
        assertThatThrownBy(() -> OdooBatchWriter.loadAll(odoo.client(), "res.partner", FIELDS, records(20), null))
                .isInstanceOfSatisfying(OdooLoadRefusedException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("Odoo refused the res.partner load of 20 row(s): row 3 is bad; row 17 is bad");
                });
        // no isolation: one call, nothing written
        assertThat(odoo.callSizes).containsExactly(20);
        assertThat(odoo.written).isEmpty();
    }

    @Test
    void loadAllRefusedForAConcurrentUpdateInOdooIsRetryable() {
        Odoo18Load odoo = new Odoo18Load(Set.of(0, 1, 2));
        odoo.badMessage = "could not serialize access due to concurrent update\n";
        assertThatThrownBy(() -> OdooBatchWriter.loadAll(odoo.client(), "crm.lead", FIELDS, records(5), null))
                .isInstanceOfSatisfying(OdooLoadRefusedException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).endsWith("load of 5 row(s): could not serialize access due to concurrent update");
                });
        assertThat(odoo.callSizes).containsExactly(5);
    }

    @Test
    void loadAllOfMapsIsOneCallPerSetOfColumnsAndAnswersTheIdsInTheMapsOrder() {
        Odoo18Load odoo = new Odoo18Load(Set.of());
        List<Map<String, Object>> maps = List.of(
                row("id", "r0", "name", "Row 0"),
                row("id", "r1", "name", "Row 1", "list_price", "5"),
                row("id", "r2", "name", "Row 2"),
                row("id", "r3", "name", "Row 3", "list_price", "7"));
        List<Integer> ids = OdooBatchWriter.loadAll(odoo.client(), "product.template", maps, null);
        // a record never gets an empty list_price cell that its map did not name
        assertThat(odoo.callFields).hasSize(2);
        assertThat(odoo.callFields).containsExactly(List.of("id", "name"), List.of("id", "name", "list_price"));
        assertThat(odoo.written).containsExactly("r0", "r2", "r1", "r3");
        assertThat(ids).containsExactly(1, 3, 2, 4);
    }

    @Test
    void loadAllOfMapsStopsAtTheFirstRefusedSetOfColumns() {
        Odoo18Load odoo = new Odoo18Load(Set.of(0));
        List<Map<String, Object>> maps = List.of(row("id", "r0", "name", "Row 0"), row("id", "r1", "name", "Row 1", "list_price", "5"));
        assertThatThrownBy(() -> OdooBatchWriter.loadAll(odoo.client(), "product.template", maps, null))
                .isInstanceOf(OdooLoadRefusedException.class).hasMessageContaining("row 0 is bad");
        assertThat(odoo.callSizes).containsExactly(1);
    }

    /** A map in the order given: the fake reads a record's number from its first column. */
    private static Map<String, Object> row(String... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private static List<LoadRecord> records(int count) {
        List<LoadRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(LoadRecord.of(List.of("r" + i, "Row " + i)));
        }
        return records;
    }

    /** Odoo 18's {@code load} over records named {@code r<i>}: record {@code i} is bad when {@code i} is in the set. */
    static final class Odoo18Load implements OdooTransport {
        private final Set<Integer> bad;
        final List<String> written = new ArrayList<>();
        final List<Integer> callSizes = new ArrayList<>();
        final List<List<String>> callFields = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();
        /** Refuse with an error that names no record. */
        boolean unpinned;
        /** The call (1-based) that fails as a dropped connection. */
        int failCall;
        /** A bad row's error, {@code %d} its number. */
        String badMessage = "row %d is bad";

        Odoo18Load(Set<Integer> bad) {
            this.bad = bad;
        }

        OdooClient client() {
            return new OdooClient(this, "db", "admin", "key");
        }

        @Override
        public Object executeKw(String db, int uid, String secret, String model, String method, List<?> args, Map<String, ?> kwargs) {
            @SuppressWarnings("unchecked")
            List<List<String>> rows = (List<List<String>>) args.get(1);
            callSizes.add(rows.size());
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) args.get(0);
            callFields.add(fields);
            if (callSizes.size() == failCall) {
                throw new OdooTransportException("connection reset (injected)", 0, true, null);
            }
            List<Map<String, Object>> messages = new ArrayList<>();
            int errors = 0;
            for (int k = 0; k < rows.size(); k++) {
                int row = Integer.parseInt(rows.get(k).get(0).substring(1));
                if (bad.contains(row)) {
                    messages.add(message(k, badMessage.formatted(row)));
                    if (++errors >= 10 && errors >= (k + 1) / 10.0) {
                        messages.add(Map.of("type", "warning", "message", "Found more than 10 errors, interrupted"));
                        break;
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            if (errors == 0) {
                List<Integer> loaded = new ArrayList<>();
                for (List<String> r : rows) {
                    loaded.add(ids.computeIfAbsent(r.get(0), x -> {
                        written.add(x);
                        return ids.size() + 1;
                    }));
                }
                out.put("ids", loaded);
            } else {
                // the batch's error (the first bad row's), put first and pinned on the batch's first record
                Map<String, Object> batchError = message(0, (String) messages.get(0).get("message"));
                if (!messages.contains(batchError)) {
                    messages.add(0, batchError);
                }
                if (unpinned) {
                    messages.replaceAll(m -> Map.of("type", "error", "message", m.get("message")));
                }
                out.put("ids", false);
            }
            out.put("messages", messages);
            return out;
        }

        private static Map<String, Object> message(int record, String text) {
            return Map.of("type", "error", "record", record, "rows", Map.of("from", record, "to", record), "message", text);
        }

        @Override
        public Map<String, Object> version() {
            return Map.of("server_version", "18.0");
        }

        @Override
        public Integer authenticate(String db, String login, String secret) {
            return 2;
        }

        @Override
        public long requestCount() {
            return callSizes.size();
        }

        @Override
        public void close() {
        }
    }
}
