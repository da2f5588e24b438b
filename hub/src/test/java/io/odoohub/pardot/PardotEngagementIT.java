package io.odoohub.pardot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odoohub.error.PullBackoff;
import io.odoohub.history.SyncLog;
import io.odoohub.inbox.FlowControl;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.webhook.HmacVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.odoohub.pardot.flow.ActivityFlow;
import io.odoohub.pardot.flow.PardotPause;
import io.odoohub.pardot.flow.PardotSchedule;
import io.odoohub.pardot.flow.PardotWebhook;
import io.odoohub.pardot.flow.PipelinePusher;
import io.odoohub.pardot.flow.ProspectFlow;

/**
 * Engagement in (callback and pull), pipeline out (push), and Pardot's limits, through the real runtime, against the
 * sandbox and the real Odoo 18.
 */
@Tag(TestOdoo.TAG)
class PardotEngagementIT {

    @TempDir
    Path dataDir;

    private PardotHub h;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            try {
                h.assertEveryModelCalledIsDeclared();
            } finally {
                h.close();
            }
        }
    }

    @Test
    void anActivityFromTheCallbackAndFromThePullLandsOnceAndOnlyAuthenticCallbacksAreTaken() throws Exception {
        h = new PardotHub(dataDir, Map.of());
        ObjectNode p = h.fake.addProspect("eng@example.com", "En", "Gaged", "E Co", null, 20, "B");
        h.pullAndDrain();
        long prospect = p.get("id").asLong();
        ObjectNode open = h.fake.addActivity(prospect, 11, "Email", "Spring campaign", 555L);
        h.fake.addActivity(prospect, 4, "Form", "Contact us", null);
        h.fake.addActivity(prospect, 2, "Visit", "https://example.com/pricing", null);
        h.fake.addActivity(prospect, 6, "Email", "sent: not carried over", 555L);

        byte[] body = open.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(post(body, Map.of(PardotWebhook.SECRET_HEADER, "wrong")).statusCode()).isEqualTo(401);
        assertThat(post(body, Map.of(PardotWebhook.SIGNATURE_HEADER, "sha256=" + HmacVerifier.sign("wrong", body, HmacVerifier.Encoding.HEX)))
                .statusCode()).isEqualTo(401);
        assertThat(h.inbox().countsByStatus(ActivityFlow.FLOW)).isEmpty();
        HttpResponse<String> ok = post(body, Map.of(PardotWebhook.SECRET_HEADER, PardotHub.SECRET));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"accepted\":1");
        HttpResponse<String> signed = post(body, Map.of(PardotWebhook.SIGNATURE_HEADER,
                "sha256=" + HmacVerifier.sign(PardotHub.SECRET, body, HmacVerifier.Encoding.HEX)));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).contains("\"duplicates\":1");

        h.schedule().pullActivities();
        h.drained(ActivityFlow.FLOW);
        List<Map<String, Object>> activities = h.target.searchRead("mail.activity", List.of(List.of("res_model", "=", "crm.lead"),
                List.of("res_id", "=", h.lead("eng@example.com").get("id"))), List.of("activity_type_id", "note", "summary"));
        assertThat(activities).extracting(a -> (Object) ((List<?>) a.get("activity_type_id")).get(1))
                .containsExactlyInAnyOrder("Email Opened", "Form Completed", "Website Visited");
        assertThat(activities).anySatisfy(a -> assertThat((String) a.get("note")).contains("Email template 555"))
                .anySatisfy(a -> assertThat((String) a.get("note")).contains("https://example.com/pricing"));
        assertThat(h.inbox().countsByStatus(ActivityFlow.FLOW)).containsEntry("done", 4L);
    }

    @Test
    void anActivityThatArrivesBeforeItsLeadIsRetriedOnTheFlowsScheduleAndLands() throws Exception {
        // enough retries of at most a second that the event is still waiting when the lead comes, even on a slow machine
        h = new PardotHub(dataDir, Map.of("hub.pardot.retry.max-retries", "60"));
        ObjectNode p = h.fake.addProspect("early@example.com", "Ear", "Ly", "E Co", null, 20, "B");
        ObjectNode click = h.fake.addActivity(p.get("id").asLong(), 1, "Email", "https://example.com/offer", 77L);
        HttpResponse<String> r = post(click.toString().getBytes(StandardCharsets.UTF_8), Map.of(PardotWebhook.SECRET_HEADER, PardotHub.SECRET));
        assertThat(r.statusCode()).isEqualTo(200);
        // tried, refused as retryable (no lead yet), waiting for its next attempt
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lastError(ActivityFlow.FLOW).contains("no lead in Odoo for Pardot prospect"));
        assertThat(h.inbox().countsByStatus(ActivityFlow.FLOW)).containsEntry("pending", 1L);
        h.pullAndDrain();
        h.drained(ActivityFlow.FLOW);
        assertThat(h.target.searchRead("mail.activity", List.of(List.of("res_model", "=", "crm.lead"),
                List.of("res_id", "=", h.lead("early@example.com").get("id"))), List.of("activity_type_id"))).singleElement()
                .satisfies(a -> assertThat(((List<?>) a.get("activity_type_id")).get(1)).isEqualTo("Email Clicked"));
        assertThat(h.inbox().countsByStatus(ActivityFlow.FLOW)).containsEntry("done", 1L);
    }

    @Test
    void aStageChangeInOdooIsPushedToTheProspectAndItsListsWithoutEchoingPardotsOwnChanges() throws Exception {
        long[] lists = new long[2];
        h = new PardotHub(dataDir, Map.of(), x -> {
            lists[0] = x.fake.addList("Sales: Qualified");
            lists[1] = x.fake.addList("Sales: Won");
            return Map.of("hub.pardot.push.stage-lists", "Qualified=" + lists[0] + ",Won=" + lists[1]);
        });
        ObjectNode p = h.fake.addProspect("push@example.com", "Pu", "Sh", "P Co", null, 20, "B");
        long prospect = p.get("id").asLong();
        h.pullAndDrain();
        assertThat(h.schedule().push()).as("the hub's own writes are not echoed").isZero();

        int lead = (Integer) h.lead("push@example.com").get("id");
        int qualified = h.idByName("crm.stage", "Qualified");
        h.odoo.write("crm.lead", List.of(lead), Map.of("stage_id", qualified, "probability", 40.0), null);
        assertThat(h.schedule().push()).isEqualTo(1);
        assertThat(h.fake.prospect(prospect).get("Odoo_Stage__c").asText()).isEqualTo("Qualified");
        assertThat(h.fake.prospect(prospect).get("Odoo_Probability__c").asText()).isEqualTo("40");
        assertThat(h.fake.prospect(prospect).get("Odoo_Status__c").asText()).isEqualTo("open");
        assertThat(activeLists(prospect)).containsExactly(lists[0]);
        assertThat(h.schedule().push()).as("nothing changed since").isZero();

        // Pardot's answer to the push changes the prospect; pulling it back writes the lead, which is not pushed again
        h.pullAndDrain();
        assertThat(h.schedule().push()).isZero();

        // won, in Odoo 18 and 19: the lead moves to a stage marked is_won, at 100 % (19 also sets won_status, not read)
        h.odoo.call("crm.lead", "action_set_won", List.of(List.of(lead)), Map.of());
        assertThat(h.schedule().push()).isEqualTo(1);
        assertThat(h.fake.prospect(prospect).get("Odoo_Status__c").asText()).isEqualTo("won");
        assertThat(h.fake.prospect(prospect).get("Odoo_Stage__c").asText()).isEqualTo("Won");
        assertThat(h.fake.prospect(prospect).get("Odoo_Probability__c").asText()).isEqualTo("100");
        assertThat(activeLists(prospect)).containsExactly(lists[1]);

        // a prospect Pardot no longer has is refused for good: recorded as failed, and the others are still pushed
        ObjectNode other = h.fake.addProspect("other@example.com", "Ot", "Her", "O Co", null, 20, "B");
        h.pullAndDrain();
        h.fake.deleteProspect(prospect);
        int otherLead = (Integer) h.lead("other@example.com").get("id");
        // back out of Won first: Odoo 19 refuses a probability below 100 in a Won stage (18 takes it)
        h.odoo.write("crm.lead", List.of(lead, otherLead), Map.of("stage_id", qualified, "probability", 55.0), null);
        assertThat(h.schedule().push()).isEqualTo(1);
        assertThat(h.fake.prospect(other.get("id").asLong()).get("Odoo_Probability__c").asText()).isEqualTo("55");
        assertThat(h.hub.bean("syncLog", SyncLog.class).list(new SyncLog.Query(
                PipelinePusher.HISTORY_FLOW, "failed", "prospect:" + prospect, null, 0, 10))).hasSize(1);
        assertThat(h.schedule().push()).as("not retried until the lead changes again").isZero();
    }

    @Test
    void lostArchivedAndRestoredLeadsArePushedAsOdoo18HasThem() throws Exception {
        h = new PardotHub(dataDir, Map.of("hub.pardot.push.fields",
                "stage=Odoo_Stage__c,probability=Odoo_Probability__c,status=Odoo_Status__c,lost_reason=Odoo_Lost_Reason__c"));
        long lost = h.fake.addProspect("lost@example.com", "Lo", "St", "L Co", null, 20, "B").get("id").asLong();
        long shelved = h.fake.addProspect("shelved@example.com", "Shel", "Ved", "S Co", null, 20, "B").get("id").asLong();
        h.pullAndDrain();
        assertThat(h.schedule().push()).isZero();
        int lostLead = (Integer) h.lead("lost@example.com").get("id");
        int shelvedLead = (Integer) h.lead("shelved@example.com").get("id");
        int tooExpensive = h.idByName("crm.lost.reason", "Too expensive");

        // the lost wizard's call: archived at 0 % with a reason (on Odoo it returns None, after its commit)
        h.odoo.call("crm.lead", "action_set_lost", List.of(List.of(lostLead)), Map.of("lost_reason_id", tooExpensive));
        // archived by hand at 30 %: out of the pipeline, but not lost by Odoo's own filters
        h.odoo.write("crm.lead", List.of(shelvedLead), Map.of("probability", 30.0), null);
        h.odoo.write("crm.lead", List.of(shelvedLead), Map.of("active", false), null);
        assertThat(h.schedule().push()).isEqualTo(2);
        assertThat(h.fake.prospect(lost).get("Odoo_Status__c").asText()).isEqualTo("lost");
        assertThat(h.fake.prospect(lost).get("Odoo_Probability__c").asText()).isEqualTo("0");
        assertThat(h.fake.prospect(lost).get("Odoo_Lost_Reason__c").asText()).isEqualTo("Too expensive");
        assertThat(h.fake.prospect(shelved).get("Odoo_Status__c").asText()).isEqualTo("archived");
        assertThat(h.fake.prospect(shelved).get("Odoo_Probability__c").asText()).isEqualTo("30");
        assertThat(h.schedule().push()).as("nothing changed since").isZero();

        // restored: open again, and Odoo forgets the lost reason
        h.odoo.call("crm.lead", "action_unarchive", List.of(List.of(lostLead)), Map.of());
        assertThat(h.schedule().push()).isEqualTo(1);
        assertThat(h.fake.prospect(lost).get("Odoo_Status__c").asText()).isEqualTo("open");
        assertThat(h.fake.prospect(lost).get("Odoo_Lost_Reason__c").isNull()).isTrue();
    }

    @Test
    void aDeletionRequestInOdooDeletesTheProspect() throws Exception {
        h = new PardotHub(dataDir, Map.of());
        ObjectNode p = h.fake.addProspect("forget@example.com", "For", "Get", "F Co", null, 20, "B");
        h.pullAndDrain();
        int lead = (Integer) h.lead("forget@example.com").get("id");
        h.odoo.write("crm.lead", List.of(lead), Map.of("x_pardot_delete_requested", true), null);
        assertThat(h.schedule().push()).isEqualTo(1);
        assertThat(h.fake.prospect(p.get("id").asLong()).get("isDeleted").asBoolean()).isTrue();
        assertThat(h.hub.bean("syncLog", SyncLog.class).list(new SyncLog.Query(
                PipelinePusher.HISTORY_FLOW, null, null, null, 0, 10))).anySatisfy(r -> assertThat(r.fieldsSynced()).contains("deleted prospect"));
    }

    @Test
    void anExpiredTokenAndABusyPardotDoNotStopThePullButTheDailyLimitPausesTheFlowsUntilTheNextDay() throws Exception {
        // the ticks' own start delay short (their trigger's next firing after the one at start is an hour away): the
        // test's own ticks below run once it has passed
        h = new PardotHub(dataDir, Map.of("hub.pardot.pull-delay-ms", "8000", "hub.pardot.tick-ms", "3600000"));
        h.fake.addProspect("one@example.com", "One", "X", null, null, 1, "C");
        h.pullAndDrain();
        h.fake.addProspect("two@example.com", "Two", "X", null, null, 1, "C");
        h.fake.expireAccessTokens();
        h.fake.failNext(66);
        // the client refreshes the token once, then throws the 66 retryable: the pull waits for its pause-with-backoff
        assertThat(h.schedule().pullProspects()).isZero();
        PullBackoff.Job busy = h.schedule().state(PardotSchedule.PROSPECTS);
        assertThat(busy.failures()).isEqualTo(1);
        assertThat(busy.lastError()).contains("66");
        long sentBusy = h.fake.apiRequests.get();
        assertThat(h.schedule().pullProspectsIfDue()).as("not before its backoff").isZero();
        assertThat(h.fake.apiRequests.get()).isEqualTo(sentBusy);
        // the tick after the backoff pulls again: the lead lands, once, and nothing else is written twice
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> h.schedule().pullProspectsIfDue() > 0);
        h.drained(ProspectFlow.FLOW);
        assertThat(h.leads("two@example.com")).hasSize(1);
        assertThat(h.leads("one@example.com")).hasSize(1);
        assertThat(h.schedule().state(PardotSchedule.PROSPECTS).failures()).isZero();
        assertThat(h.fake.tokenRequests.get()).isEqualTo(2);

        h.fake.addProspect("three@example.com", "Three", "X", null, null, 1, "C");
        h.fake.dailyLimit = 0;
        h.schedule().pullProspects();
        FlowControl flows = h.hub.bean("flowControl", FlowControl.class);
        for (String flow : PardotPause.FLOWS) {
            FlowControl.State s = flows.state(flow);
            assertThat(s.paused()).isTrue();
            assertThat(s.reason()).contains("daily API limit");
            assertThat(s.resumeAt()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        long sent = h.fake.apiRequests.get();
        assertThat(h.schedule().pullProspects()).isZero();
        assertThat(h.fake.apiRequests.get()).as("a paused flow does not call Pardot").isEqualTo(sent);
        // the next day: an operator (or the expiry) resumes and the pull picks up where it stopped
        h.fake.resetDailyCount();
        h.fake.dailyLimit = 100_000;
        PardotPause.FLOWS.forEach(f -> flows.resume(f, "test: next day"));
        h.pullAndDrain();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.leads("three@example.com").size() == 1);
    }

    private String lastError(String flow) throws Exception {
        javax.sql.DataSource ds = h.hub.bean("hubDataSource", javax.sql.DataSource.class);
        try (java.sql.Connection c = ds.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT last_error FROM inbox_event WHERE flow = ? AND attempts > 0")) {
            ps.setString(1, flow);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }

    private List<Long> activeLists(long prospect) {
        return h.fake.all("list-memberships").stream()
                .filter(m -> m.get("prospectId").asLong() == prospect && !m.path("isDeleted").asBoolean())
                .map(m -> m.get("listId").asLong()).toList();
    }

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.hub.httpPort() + "/webhooks/pardot"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
