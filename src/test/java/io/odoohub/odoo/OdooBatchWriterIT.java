package io.odoohub.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.odoo.transport.OdooTransport;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.SandboxClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batching, resuming after a transient failure, and re-authentication, over real XML-RPC. */
class OdooBatchWriterIT {

    private OdooSandbox sandbox;

    @BeforeEach
    void setUp() {
        sandbox = SandboxClients.start();
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    @Test
    void aRetryContinuesWhereTheFailedAttemptStoppedAndWritesNothingTwice() {
        FlakyTransport flaky = new FlakyTransport(SandboxClients.transport(sandbox), 2, "create");
        OdooClient client = new OdooClient(flaky, SandboxClients.DB, SandboxClients.LOGIN, SandboxClients.KEY);
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
        assertThat(sandbox.searchRead("res.partner", List.of(List.of("name", "like", "Resume ")), List.of("id"))).hasSize(6);
    }

    @Test
    void retryableFaultsAreThrownNotSplit() {
        OdooClient client = SandboxClients.client(sandbox);
        sandbox.faults().serializationFailure(1);
        OdooBatchWriter writer = new OdooBatchWriter(client, 10);
        List<Map<String, Object>> rows = List.of(Map.of("name", "A"), Map.of("name", "B"));
        assertThatThrownBy(() -> writer.create("res.partner", rows, null))
                .isInstanceOfSatisfying(OdooFaultException.class, f -> assertThat(f.isRetryable()).isTrue());
        assertThat(sandbox.searchRead("res.partner", List.of(List.of("name", "in", List.of("A", "B"))), List.of("id"))).isEmpty();
    }

    @Test
    void batchesAreSizedByBatchSize() {
        OdooClient client = SandboxClients.client(sandbox);
        List<LoadRecord> records = new ArrayList<>();
        for (int i = 0; i < 1050; i++) {
            records.add(LoadRecord.of(List.of("batch.p" + i, "Batch " + i)));
        }
        long before = client.requestCount();
        BatchResult result = new OdooBatchWriter(client, 500).load("product.template", List.of("id", "name"), records, null);
        assertThat(result.writtenCount()).isEqualTo(1050);
        assertThat(result.calls()).isEqualTo(3);
        assertThat(client.requestCount() - before).isEqualTo(4); // 3 loads + 1 authenticate
    }

    @Test
    void accessDeniedAuthenticatesAgainOnce() {
        AtomicInteger authentications = new AtomicInteger();
        OdooTransport real = SandboxClients.transport(sandbox);
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
        OdooClient client = new OdooClient(deniedOnce, SandboxClients.DB, SandboxClients.LOGIN, SandboxClients.KEY);
        assertThat(client.searchRead("res.partner", List.of(), List.of("name"), null, 0, 5, null)).isNotEmpty();
        assertThat(authentications).hasValue(2);
    }

    @Test
    void aWrongKeyIsAPermanentAccessDenied() {
        OdooClient client = new OdooClient(SandboxClients.transport(sandbox), SandboxClients.DB, SandboxClients.LOGIN, "not-the-key-4711");
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
