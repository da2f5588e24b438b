package io.odoohub.pardot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.pardot.flow.ProspectFlow;

/**
 * 10,000 prospects from the fake Pardot into Odoo through the real runtime: one pull (full import) into the inbox, then
 * the drain through routes/pardot-prospects.camel.yaml. Prints wall time, Pardot requests and Odoo calls (counted by
 * the {@link io.odoohub.testsupport.OdooProxy} in front of Odoo). The Odoo is {@link io.odoohub.testsupport.TestOdoo}'s:
 * the sandbox (in this JVM) by default, the real Odoo 18 with {@code bin/bench --real -Dtest=PardotPullBenchmarkTest}.
 */
@Tag("benchmark")
class PardotPullBenchmarkTest {

    private static final Logger FIGURES = LoggerFactory.getLogger("benchmark");
    private static final int PROSPECTS = 10_000;

    @TempDir
    Path dataDir;

    @Test
    void tenThousandProspects() throws Exception {
        try (PardotHub h = new PardotHub(dataDir, Map.of())) {
            for (int i = 0; i < PROSPECTS; i++) {
                // about one in six crosses the score threshold (100): an opportunity with a partner
                h.fake.addProspect("bench" + i + "@example.com", "First" + i, "Last" + i, "Company " + (i % 700),
                        "+1 415 555 " + String.format("%04d", i % 10_000), i % 120, "B");
            }
            h.target.resetCounters();
            long requestsBefore = h.fake.apiRequests.get();
            long start = System.nanoTime();
            int stored = h.schedule().pullProspects();
            long pulledMs = (System.nanoTime() - start) / 1_000_000;
            h.drained(ProspectFlow.FLOW, java.time.Duration.ofMinutes(60));
            long totalMs = (System.nanoTime() - start) / 1_000_000;
            long prospectPages = h.fake.requestLog.stream().filter(r -> r.startsWith("GET /api/v5/objects/prospects")
                    && !r.contains("deleted=true")).count();
            assertThat(stored).isEqualTo(PROSPECTS);
            assertThat(h.target.searchRead("crm.lead", java.util.List.of(java.util.List.of("email_from", "like", "bench")),
                    java.util.List.of("id"))).hasSize(PROSPECTS);
            assertThat(h.hub.bean("deadLetterStore", io.odoohub.store.DeadLetterStore.class).list(ProspectFlow.FLOW, 10)).isEmpty();
            // events tried more than once: a real Odoo's enrichment cron updates new leads meanwhile (serialization failures)
            figure("pardot_pull_10k_events_retried", retried(h), "events");
            figure("pardot_pull_10k_target", h.target.isReal() ? "real-odoo-18" : "sandbox", "");
            figure("pardot_pull_10k_wall_ms", totalMs, "ms");
            figure("pardot_pull_10k_into_inbox_ms", pulledMs, "ms");
            figure("pardot_pull_10k_prospect_pages", prospectPages, "requests");
            figure("pardot_pull_10k_pardot_requests_total", h.fake.apiRequests.get() - requestsBefore, "requests");
            figure("pardot_pull_10k_odoo_calls", h.target.requestCount(), "calls");
            figure("pardot_pull_10k_odoo_calls_by_method", h.target.callsByMethod(), "");
            figure("pardot_pull_10k_records_per_s", PROSPECTS * 1000L / Math.max(1, totalMs), "records/s");
        }
    }

    private static long retried(PardotHub h) throws Exception {
        javax.sql.DataSource ds = h.hub.bean("hubDataSource", javax.sql.DataSource.class);
        try (java.sql.Connection c = ds.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM inbox_event WHERE flow = ? AND attempts > 1")) {
            ps.setString(1, ProspectFlow.FLOW);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void figure(String name, Object value, String unit) {
        FIGURES.info("FIGURE {} {} {}", name, value, unit);
    }
}
