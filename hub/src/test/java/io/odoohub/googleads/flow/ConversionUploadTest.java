package io.odoohub.googleads.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ads.googleads.v23.services.ClickConversion;
import io.odoohub.odoo.OdooClient;
import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.MutableClock;
import io.odoohub.testsupport.SandboxClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.odoohub.googleads.FakeGoogleAds;
import io.odoohub.googleads.GoogleAdsSettings;
import io.odoohub.googleads.client.Accounts;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/** Confirmed orders with a gclid from the sandbox (XML-RPC) to the fake's UploadClickConversions (gRPC), and back. */
class ConversionUploadTest {

    static final String CUSTOMER = MetricsImportTest.CUSTOMER;

    private OdooSandbox sandbox;
    private OdooClient odoo;
    private FakeGoogleAds fake;
    private GoogleAdsApi api;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T12:00:00Z"));
    private int partner;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxClients.start();
        odoo = SandboxClients.client(sandbox);
        new OdooAdsSchema(odoo).ensure();
        partner = odoo.create("res.partner", List.of(Map.of("name", "Buyer")), null).get(0);
        fake = new FakeGoogleAds().account(CUSTOMER, "USD", "America/New_York", List.of());
        api = fake.api();
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        fake.close();
        odoo.close();
        sandbox.close();
    }

    static Map<String, Object> order(int partner, String gclid, String state) {
        Map<String, Object> v = new HashMap<>();
        v.put("partner_id", partner);
        v.put("partner_invoice_id", partner);
        v.put("partner_shipping_id", partner);
        v.put("state", state);
        v.put("date_order", "2026-11-09 15:30:00");
        if (gclid != null) {
            v.put("x_gclid", gclid);
        }
        return v;
    }

    private ConversionUpload upload(boolean wonOpportunities) {
        GoogleAdsSettings s = MetricsImportTest.settings(500);
        s = new GoogleAdsSettings(s.account(), s.metrics(),
                new Conversions(s.conversions().uploadPeriod(), "777", wonOpportunities, Duration.ofHours(6)),
                s.transientBackoffMax(), s.startDelay());
        return new ConversionUpload(api, new Accounts(api), odoo, s.account(), s.conversions(), clock);
    }

    private Map<String, Map<String, Object>> ordersByGclid() {
        return odoo.searchRead("sale.order", List.of(List.of("x_gclid", "!=", false)), List.of("name", "x_gclid", "x_gads_upload_state",
                "x_gads_upload_error", "x_gads_retry_after", "x_gads_uploaded_at"), "id", 0, 0, null).stream()
                .collect(Collectors.toMap(r -> (String) r.get("x_gclid"), r -> r));
    }

    @Test
    void twoThousandFiveHundredOrdersGoInTwoRequests() {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            orders.add(order(partner, "gclid-" + i, "sale"));
        }
        orders.add(order(partner, "gclid-draft", "draft"));
        orders.add(order(partner, null, "sale"));
        odoo.create("sale.order", orders, null);
        ConversionUpload.Result r = upload(false).run();
        assertThat(fake.uploads()).hasSize(2);
        assertThat(fake.uploads().get(0).getConversionsCount()).isEqualTo(2000);
        assertThat(fake.uploads().get(1).getConversionsCount()).isEqualTo(500);
        assertThat(fake.uploads()).allSatisfy(u -> assertThat(u.getPartialFailure()).isTrue());
        assertThat(r.uploaded()).isEqualTo(2500);
        assertThat(fake.accepted()).extracting(ClickConversion::getGclid).doesNotContain("gclid-draft");
        Map<String, Map<String, Object>> byGclid = ordersByGclid();
        assertThat(byGclid.get("gclid-7").get("x_gads_upload_state")).isEqualTo("uploaded");
        assertThat(byGclid.get("gclid-7").get("x_gads_uploaded_at")).isEqualTo("2026-11-10 12:00:00");
        assertThat(byGclid.get("gclid-draft").get("x_gads_upload_state")).isEqualTo(false);
        // nothing left to send
        assertThat(upload(false).run().requests()).isZero();
        assertThat(fake.uploads()).hasSize(2);
    }

    @Test
    void conversionCarriesTheOrderAndTheAccountsOffset() {
        odoo.create("sale.order", List.of(order(partner, "gclid-one", "sale")), null);
        upload(false).run();
        ClickConversion c = fake.accepted().get(0);
        assertThat(c.getConversionAction()).isEqualTo("customers/" + CUSTOMER + "/conversionActions/777");
        assertThat(c.getConversionDateTime()).isEqualTo("2026-11-09 10:30:00-05:00"); // 15:30 UTC in New York (EST)
        assertThat(c.getOrderId()).startsWith("S");
        assertThat(c.getCurrencyCode()).isEqualTo("EUR");
    }

    @Test
    void eachRowErrorKindEndsInItsState() {
        odoo.create("sale.order", List.of(order(partner, "gclid-ok", "sale"), order(partner, "recent-1", "sale"),
                order(partner, "bad-1", "sale"), order(partner, "expired-1", "sale"), order(partner, "unknown-1", "sale")), null);
        ConversionUpload.Result r = upload(false).run();
        assertThat(r.requests()).isEqualTo(1);
        Map<String, Map<String, Object>> s = ordersByGclid();
        assertThat(s.get("gclid-ok").get("x_gads_upload_state")).isEqualTo("uploaded");
        assertThat(s.get("recent-1").get("x_gads_upload_state")).isEqualTo("retry");
        assertThat(s.get("recent-1").get("x_gads_retry_after")).isEqualTo("2026-11-10 18:00:00");
        assertThat(s.get("bad-1").get("x_gads_upload_state")).isEqualTo("failed");
        assertThat((String) s.get("bad-1").get("x_gads_upload_error")).contains("UNPARSEABLE_GCLID").contains("could not be decoded");
        assertThat((String) s.get("expired-1").get("x_gads_upload_error")).contains("EXPIRED_EVENT");
        assertThat((String) s.get("unknown-1").get("x_gads_upload_error")).contains("CLICK_NOT_FOUND");

        // before 6 hours nothing is due; after them the too-recent row is sent again, alone
        clock.advance(Duration.ofHours(5));
        assertThat(upload(false).run().requests()).isZero();
        clock.advance(Duration.ofHours(1));
        upload(false).run();
        assertThat(fake.uploads()).hasSize(2);
        assertThat(fake.uploads().get(1).getConversionsList()).extracting(ClickConversion::getGclid).containsExactly("recent-1");

        // a resubmitted conversion that Google already has counts as uploaded
        int id = (Integer) odoo.searchRead("sale.order", List.of(List.of("x_gclid", "=", "gclid-ok")), List.of("id"), null, 0, 1, null)
                .get(0).get("id");
        odoo.write("sale.order", List.of(id), Map.of("x_gads_upload_state", "pending"), null);
        upload(false).run();
        assertThat(ordersByGclid().get("gclid-ok").get("x_gads_upload_state")).isEqualTo("uploaded");
        assertThat(fake.accepted()).extracting(ClickConversion::getGclid).containsOnlyOnce("gclid-ok");
    }

    @Test
    void failedUploadsAreListedAndResubmitted() {
        odoo.create("sale.order", List.of(order(partner, "bad-2", "sale"), order(partner, "bad-3", "sale")), null);
        ConversionUpload upload = upload(false);
        upload.run();
        assertThat(upload.odoo().failed("sale.order", 0, 10)).extracting(r -> r.get("x_gclid")).containsExactly("bad-2", "bad-3");
        assertThat(upload.odoo().resubmit("sale.order", null)).isEqualTo(2);
        assertThat(upload.odoo().failed("sale.order", 0, 10)).isEmpty();
        upload.run();
        assertThat(fake.uploads()).hasSize(2);
        assertThat(fake.uploads().get(1).getConversionsCount()).isEqualTo(2);
    }

    @Test
    void gclidIsCarriedFromTheOpportunityAndWonOpportunitiesUploadByConfiguration() {
        List<Integer> leads = odoo.create("crm.lead", List.of(
                Map.of("name", "Big deal", "type", "opportunity", "x_gclid", "gclid-lead", "expected_revenue", 900.0),
                Map.of("name", "Won deal", "type", "opportunity", "x_gclid", "gclid-won", "expected_revenue", 250.0)), null);
        Map<String, Object> o = order(partner, null, "sale");
        o.put("opportunity_id", leads.get(0));
        odoo.create("sale.order", List.of(o), null);
        odoo.call("crm.lead", "action_set_won", List.of(List.of(leads.get(1))), Map.of());

        ConversionUpload.Result withoutLeads = upload(false).run();
        assertThat(withoutLeads.carried()).isEqualTo(1);
        assertThat(ordersByGclid().get("gclid-lead").get("x_gads_upload_state")).isEqualTo("uploaded");
        assertThat(fake.accepted()).extracting(ClickConversion::getGclid).containsExactly("gclid-lead");

        // the opportunity with a confirmed order is won too: its sale went up with the order, not a second time
        odoo.call("crm.lead", "action_set_won", List.of(List.of(leads.get(0))), Map.of());
        upload(true).run();
        assertThat(fake.accepted()).extracting(ClickConversion::getGclid).containsExactly("gclid-lead", "gclid-won");
        assertThat(odoo.searchRead("crm.lead", List.of(List.of("id", "=", leads.get(0))), List.of("x_gads_upload_state"), null, 0, 1, null)
                .get(0).get("x_gads_upload_state")).isEqualTo("uploaded");
        ClickConversion won = fake.accepted().get(1);
        assertThat(won.getConversionValue()).isEqualTo(250.0);
        assertThat(won.getOrderId()).isEqualTo("LEAD-" + leads.get(1));
        assertThat(odoo.searchRead("crm.lead", List.of(List.of("id", "=", leads.get(1))), List.of("x_gads_upload_state"), null, 0, 1, null)
                .get(0).get("x_gads_upload_state")).isEqualTo("uploaded");
    }
}
