package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooTransportException;

import io.odoohub.odoo.fault.OdooFaultException;

import io.odoohub.odoo.fault.OdooException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.odoo.transport.OdooTransport;
import io.odoohub.odoo.transport.TransportChoice;
import io.odoohub.testsupport.TestOdoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Batching, resuming after a transient failure, and re-authentication, over the transport the hub chooses (XML-RPC on the
 * sandbox and Odoo 18; JSON-2, and XML-RPC once more, on Odoo 19).
 */
@Tag(TestOdoo.TAG)
@Tag(TestOdoo.XMLRPC_ON_19)
class OdooBatchWriterIT {

    private TestOdoo odoo;

    @BeforeEach
    void setUp() {
        odoo = TestOdoo.start();
    }

    @AfterEach
    void tearDown() {
        odoo.close();
    }

    /** A transport to the Odoo through its proxy (calls counted, faults injected), as the hub chooses it. */
    private OdooTransport transport() {
        return odoo.hubTransport();
    }

    private OdooClient client() {
        return new OdooClient(transport(), odoo.db(), odoo.login(), odoo.key());
    }

    @Test
    void aRetryContinuesWhereTheFailedAttemptStoppedAndWritesNothingTwice() {
        FlakyTransport flaky = new FlakyTransport(transport(), 2, "create");
        OdooClient client = new OdooClient(flaky, odoo.db(), odoo.login(), odoo.key());
        OdooBatchWriter writer = new OdooBatchWriter(client, 2);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(Map.of("name", "Resume " + i));
        }
        BatchResult progress = new BatchResult(rows.size());
        assertThatThrownBy(() -> writer.create("res.partner", rows, null, progress))
                .isInstanceOf(OdooTransportException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).isTrue());
        assertThat(progress.writtenCount()).isEqualTo(2);

        writer.create("res.partner", rows, null, progress);
        assertThat(progress.writtenCount()).isEqualTo(6);
        assertThat(progress.ids()).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(odoo.searchRead("res.partner", List.of(List.of("name", "like", "Resume ")), List.of("id"))).hasSize(6);
    }

    @Test
    void retryableFaultsAreThrownNotSplit() {
        OdooClient client = client();
        odoo.faults().serializationFailure(1);
        OdooBatchWriter writer = new OdooBatchWriter(client, 10);
        List<Map<String, Object>> rows = List.of(Map.of("name", "A"), Map.of("name", "B"));
        assertThatThrownBy(() -> writer.create("res.partner", rows, null))
                .isInstanceOfSatisfying(OdooFaultException.class, f -> assertThat(f.isRetryable()).isTrue());
        assertThat(odoo.searchRead("res.partner", List.of(List.of("name", "in", List.of("A", "B"))), List.of("id"))).isEmpty();
    }

    @Test
    void batchesAreSizedByBatchSize() {
        OdooClient client = client();
        List<LoadRecord> records = new ArrayList<>();
        for (int i = 0; i < 1050; i++) {
            records.add(LoadRecord.of(List.of("batch.p" + i, "Batch " + i)));
        }
        long before = client.requestCount();
        client.uid(); // once: the transport chosen (one question), then the key checked
        // XML-RPC: common.authenticate; JSON-2: res.users.context_get (whose key is it), then that user's login
        int authentication = TransportChoice.JSON2.equals(client.transportChoice().protocol()) ? 2 : 1;
        assertThat(client.requestCount() - before).isEqualTo(1 + authentication);
        before = client.requestCount();
        BatchResult result = new OdooBatchWriter(client, 500).load("product.template", List.of("id", "name"), records, null);
        assertThat(result.writtenCount()).isEqualTo(1050);
        assertThat(result.calls()).isEqualTo(3);
        assertThat(client.requestCount() - before).isEqualTo(3); // 3 loads, nothing else
    }

    @Test
    void accessDeniedAuthenticatesAgainOnce() {
        AtomicInteger authentications = new AtomicInteger();
        OdooTransport real = transport();
        FlakyTransport deniedOnce = new FlakyTransport(real, 1, "search_read") {
            @Override
            public Integer authenticate(String db, String login, String secret) {
                authentications.incrementAndGet();
                return super.authenticate(db, login, secret);
            }

            @Override
            protected RuntimeException failure() {
                return new OdooFaultException("res.partner.search_read", 3, "Access Denied");
            }
        };
        OdooClient client = new OdooClient(deniedOnce, odoo.db(), odoo.login(), odoo.key());
        assertThat(client.searchRead("res.partner", List.of(), List.of("name"), null, 0, 5, null)).isNotEmpty();
        assertThat(authentications).hasValue(2);
    }

    @Test
    void aWrongKeyIsAPermanentAccessDenied() {
        OdooClient client = new OdooClient(transport(), odoo.db(), odoo.login(), "not-the-key-4711");
        assertThatThrownBy(client::uid).isInstanceOfSatisfying(OdooFaultException.class, f -> {
            assertThat(f.getKind()).isEqualTo(OdooFaultException.Kind.ACCESS_DENIED);
            assertThat(f.isRetryable()).isFalse();
            assertThat(f.getMessage()).doesNotContain("not-the-key-4711");
        });
    }

    /** Delegates to a real transport but fails the n-th execute_kw of a method, once. */
    static class FlakyTransport implements OdooTransport {
        private final OdooTransport delegate;
        private final int failOn;
        private final String method;
        private int seen;

        FlakyTransport(OdooTransport delegate, int failOn, String method) {
            this.delegate = delegate;
            this.failOn = failOn;
            this.method = method;
        }

        protected RuntimeException failure() {
            return new OdooTransportException("connection reset (injected)", 0, true, null);
        }

        @Override
        public Map<String, Object> version() {
            return delegate.version();
        }

        @Override
        public Integer authenticate(String db, String login, String secret) {
            return delegate.authenticate(db, login, secret);
        }

        @Override
        public synchronized Object executeKw(String db, int uid, String secret, String model, String m, List<?> args, Map<String, ?> kwargs) {
            if (m.equals(method) && ++seen == failOn) {
                throw failure();
            }
            return delegate.executeKw(db, uid, secret, model, m, args, kwargs);
        }

        @Override
        public long requestCount() {
            return delegate.requestCount();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
