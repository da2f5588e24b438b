package io.odoohub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ads.googleads.v23.enums.CampaignStatusEnum.CampaignStatus;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.transport.TransportSettings;
import io.odoohub.odoo.transport.XmlRpcTransport;
import java.net.URI;
import io.odoohub.testsupport.SandboxClients;
import io.odoohub.testsupport.TestOdoo;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.odoohub.googleads.FakeGoogleAds;
import io.odoohub.googleads.GoogleAdsSettings;
import io.odoohub.googleads.client.Accounts;
import io.odoohub.googleads.client.AdsEndpoint;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.flow.CampaignCache;
import io.odoohub.googleads.flow.Account;
import io.odoohub.googleads.flow.Conversions;
import io.odoohub.googleads.flow.ConversionUpload;
import io.odoohub.googleads.flow.Metrics;
import io.odoohub.googleads.flow.MetricsImport;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/**
 * Google Ads at size, fake Google Ads (in-process gRPC) to Odoo over XML-RPC, the hub side in the test JVM with
 * -Xmx256m: 1,000 campaigns x 90 days (90,000 rows) imported, then 10,000 conversions uploaded. Odoo is the sandbox in a
 * JVM of its own, or with {@code -Dodoo.target=real} (and the other properties {@link TestOdoo} reads) the real Odoo 18
 * reset to pristine. Run: {@code bin/bench -Dtest=GoogleAdsBenchmarkTest}, {@code bin/bench --real -Dtest=GoogleAdsBenchmarkTest}.
 */
@Tag("benchmark")
class GoogleAdsBenchmarkTest {

    private static final String CUSTOMER = "1234567890";
    private static final String SMALL = "1112223333";
    private static final int CAMPAIGNS = 1000;
    private static final int DAYS = 90;
    private static final int CONVERSIONS = 10_000;
    private static final LocalDate FIRST = LocalDate.of(2026, 8, 1);

    private static GoogleAdsSettings settings() {
        return new GoogleAdsSettings(new Account(true, List.of(CUSTOMER), null, AdsEndpoint.parse("unused:443"), "oauth"),
                new Metrics(Duration.ofHours(4), 14, 30, Duration.ofHours(24), 1000, 0.01),
                new Conversions(Duration.ofHours(1), "777", false, Duration.ofHours(6)), Duration.ofMinutes(60), Duration.ZERO);
    }

    /** Rows made as the stream asks for them: the fake holds none of the 90,000 in memory. */
    private static FakeGoogleAds.Rows generated(int campaigns, LiveHeap live) {
        return (from, to) -> new Iterator<>() {
            private int i;
            private final int total = campaigns * DAYS;

            public boolean hasNext() {
                return i < total;
            }

            public FakeGoogleAds.Day next() {
                if (i > 0 && i % 3_000 == 0) {
                    live.sample();
                }
                int campaign = i % campaigns;
                LocalDate day = FIRST.plusDays(i / campaigns);
                i++;
                return new FakeGoogleAds.Day(Integer.toString(10_000 + campaign), "Campaign " + campaign,
                        campaign % 10 == 0 ? CampaignStatus.PAUSED : CampaignStatus.ENABLED, day, 10 + campaign % 7, 1000 + campaign,
                        1_234_567L + campaign, campaign % 3, campaign % 3 * 25.0);
            }
        };
    }

    /**
     * The live heap while the import runs: every 3,000 rows the fake's generator forces a full collection and reads
     * what is left, i.e. what the hub retains at that moment (rows in flight included). Its maximum must not grow
     * with the number of rows.
     */
    private static final class LiveHeap {
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();

        void sample() {
            System.gc();
            max.accumulateAndGet(java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }

        void reset() {
            max.set(0);
        }

        long maxMib() {
            return max.get() / (1024 * 1024);
        }
    }

    /** A client straight to the Odoo (no proxy): it counts its own requests. */
    private static OdooClient client(AutoCloseable target) {
        if (target instanceof TestOdoo real) {
            return new OdooClient(new XmlRpcTransport(URI.create(real.directUrl()), TransportSettings.defaults()), real.db(), real.login(),
                    real.key());
        }
        return new OdooClient(new XmlRpcTransport(URI.create(((SandboxProcess) target).url()), TransportSettings.defaults()),
                SandboxClients.DB, SandboxClients.LOGIN, SandboxClients.KEY);
    }

    @Test
    void import90kRowsAndUpload10kConversions() throws Exception {
        LiveHeap live = new LiveHeap();
        try (AutoCloseable target = TestOdoo.real() ? TestOdoo.start() : SandboxProcess.start("1500m");
             OdooClient odoo = client(target);
             FakeGoogleAds fake = new FakeGoogleAds().account(CUSTOMER, "USD", "America/New_York", generated(CAMPAIGNS, live))
                     .account(SMALL, "USD", "America/New_York", generated(CAMPAIGNS / 2, live));
             GoogleAdsApi api = fake.api()) {
            new OdooAdsSchema(odoo).ensure();
            Accounts accounts = new Accounts(api);
            MetricsImport importer = new MetricsImport(api, accounts, odoo, settings().metrics(), new CampaignCache(Duration.ofHours(24)), Clock.systemUTC());

            // the same import at half the size: what the hub retains must not grow with the rows
            live.reset();
            importer.run(SMALL, FIRST, FIRST.plusDays(DAYS - 1));
            long retainedSmall = live.maxMib();

            Figures.resetPeakHeap();
            live.reset();
            long requests = odoo.requestCount();
            long t0 = System.nanoTime();
            MetricsImport.Result r = importer.run(CUSTOMER, FIRST, FIRST.plusDays(DAYS - 1));
            long retainedLarge = live.maxMib();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long calls = odoo.requestCount() - requests;
            assertThat(r.rows()).isEqualTo((long) CAMPAIGNS * DAYS);
            String name = "google ads import " + CAMPAIGNS + " campaigns x " + DAYS + " days into " + (TestOdoo.real() ? "the real Odoo 18" : "the sandbox");
            Figures.report(name + ": wall time s", String.format("%.1f", seconds));
            Figures.report(name + ": rows/s", String.format("%.0f", r.rows() / seconds));
            Figures.report(name + ": Odoo XML-RPC requests", calls + " (batches of 1,000 rows: 90 metric loads + 1 campaign load + rates)");
            Figures.report(name + ": peak heap MiB, sum of the heap pools' peaks (an upper bound; hub side and the fake, the sandbox in its own JVM)", Figures.peakHeapMib());
            Figures.report("google ads import: live heap during the stream (full GC every 3,000 rows), max MiB: 45,000 rows -> 90,000 rows",
                    retainedSmall + " -> " + retainedLarge);
            assertThat(calls).isLessThanOrEqualTo(100);

            // rerun: the campaign structure is cached, the rows are updated in place
            requests = odoo.requestCount();
            t0 = System.nanoTime();
            MetricsImport.Result again = importer.run(CUSTOMER, FIRST, FIRST.plusDays(DAYS - 1));
            seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(again.campaignsWritten()).isZero();
            Figures.report(name + " (rerun, all updates): wall time s", String.format("%.1f", seconds));
            Figures.report(name + " (rerun): Odoo XML-RPC requests", odoo.requestCount() - requests);

            int partner = odoo.create("res.partner", List.of(Map.of("name", "Buyer")), null).get(0);
            for (int start = 0; start < CONVERSIONS; start += 2000) {
                List<Map<String, Object>> orders = new ArrayList<>(2000);
                for (int i = start; i < start + 2000; i++) {
                    orders.add(Map.of("partner_id", partner, "partner_invoice_id", partner, "partner_shipping_id", partner, "state", "sale",
                            "date_order", "2026-11-09 15:30:00", "x_gclid", "gclid-" + i));
                }
                odoo.create("sale.order", orders, null);
            }
            ConversionUpload upload = new ConversionUpload(api, accounts, odoo, settings().account(), settings().conversions(), Clock.systemUTC());
            Figures.resetPeakHeap();
            requests = odoo.requestCount();
            long googleBefore = fake.uploads().size();
            t0 = System.nanoTime();
            ConversionUpload.Result u = upload.run();
            seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(u.uploaded()).isEqualTo(CONVERSIONS);
            String up = "google ads upload " + CONVERSIONS + " conversions from " + (TestOdoo.real() ? "the real Odoo 18" : "the sandbox");
            Figures.report(up + ": UploadClickConversions requests", (fake.uploads().size() - googleBefore) + " (target 5)");
            Figures.report(up + ": wall time s", String.format("%.1f", seconds));
            Figures.report(up + ": Odoo XML-RPC requests", odoo.requestCount() - requests);
            Figures.report(up + ": peak heap MiB (hub side and the fake)", Figures.peakHeapMib());
            assertThat(fake.uploads().size() - googleBefore).isEqualTo(5);
        }
    }
}
