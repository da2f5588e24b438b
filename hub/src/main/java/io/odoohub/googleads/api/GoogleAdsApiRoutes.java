package io.odoohub.googleads.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.ApiRouteBuilder;
import io.odoohub.api.Role;
import io.odoohub.inbox.FlowControl;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.connector.ConnectionTest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import io.odoohub.googleads.flow.Account;
import io.odoohub.googleads.flow.Conversions;
import io.odoohub.googleads.flow.Metrics;
import io.odoohub.googleads.client.AdsFailure;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.flow.ConversionUpload;
import io.odoohub.googleads.flow.GoogleAdsJobs;
import io.odoohub.googleads.flow.LabelMappings;
import io.odoohub.googleads.flow.MetricsImport;
import io.odoohub.googleads.flow.Reconciliation;
import io.odoohub.googleads.flow.RunState;
import io.odoohub.googleads.odoo.OdooAdsSchema;
import io.odoohub.googleads.odoo.OdooConversions;

/**
 * The Google Ads endpoints of the management API ({@code /api/v1/google-ads}): test the connection, run a job now,
 * list and resubmit failed conversion uploads, the reconciliation and cost-per-acquisition reports, and the
 * category -> label mappings.
 */
public final class GoogleAdsApiRoutes extends ApiRouteBuilder {

    static final String PATH = BASE + "/google-ads";

    private final GoogleAdsApi api;
    private final Account accountSettings;
    private final Metrics metricsSettings;
    private final Conversions conversionSettings;
    private final GoogleAdsJobs jobs;
    private final RunState state;
    private final OdooAdsSchema schema;
    private final OdooConversions conversions;
    private final Reconciliation reports;
    private final LabelMappings labels;
    private final FlowControl flows;
    private final java.util.function.Predicate<String> categoryExists;

    public GoogleAdsApiRoutes(ApiGuard guard, GoogleAdsApi api, Account accountSettings, Metrics metricsSettings,
                              Conversions conversionSettings, GoogleAdsJobs jobs, RunState state, OdooAdsSchema schema, OdooConversions conversions, Reconciliation reports, LabelMappings labels, FlowControl flows,
                              java.util.function.Predicate<String> categoryExists) {
        super(guard);
        this.categoryExists = categoryExists;
        this.api = api;
        this.accountSettings = accountSettings;
        this.metricsSettings = metricsSettings;
        this.conversionSettings = conversionSettings;
        this.jobs = jobs;
        this.state = state;
        this.schema = schema;
        this.conversions = conversions;
        this.reports = reports;
        this.labels = labels;
        this.flows = flows;
    }

    @Override
    protected void configureApi() {
        rest(PATH).description("Google Ads: connection, jobs, failed uploads, reports, label mappings")
                .post("/test-connection").routeId("api-gads-test-connection")
                    .description("Lists the customers the stored credentials reach, or says why not; on success resumes flows paused for credentials")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-test-connection")
                .get("/status").routeId("api-gads-status").description("Settings in force (no secrets) and the state of each job")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-status")
                .post("/metrics/run").routeId("api-gads-metrics-run").description("Imports the metrics now (days since the last run + lookback)")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-metrics-run")
                .post("/conversions/run").routeId("api-gads-conversions-run").description("Uploads the due conversions now")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-conversions-run")
                .get("/conversions/failed").routeId("api-gads-conversions-failed")
                    .description("Sale orders (or opportunities: model=crm.lead) whose upload failed, with Google's message")
                    .param().name("model").type(RestParamType.query).required(false).endParam()
                    .param().name("offset").type(RestParamType.query).required(false).endParam()
                    .param().name("limit").type(RestParamType.query).required(false).endParam()
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-conversions-failed")
                .post("/conversions/resubmit").routeId("api-gads-conversions-resubmit")
                    .description("Queues failed uploads again ({\"model\": \"sale.order\", \"ids\": [..]}; no ids: all) and uploads now")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-gads-conversions-resubmit")
                .get("/reconciliation").routeId("api-gads-reconciliation")
                    .description("Per day: spend and conversions in Google Ads against Odoo; days above the threshold are flagged")
                    .param().name("from").type(RestParamType.query).required(true).endParam()
                    .param().name("to").type(RestParamType.query).required(true).endParam()
                    .param().name("customer").type(RestParamType.query).required(false).endParam()
                    .param().name("threshold").type(RestParamType.query).required(false).description("relative, 0.01 = 1 %").endParam()
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-reconciliation")
                .get("/cpa").routeId("api-gads-cpa").description("Cost per acquisition per campaign: spend / confirmed orders of the campaign")
                    .param().name("from").type(RestParamType.query).required(true).endParam()
                    .param().name("to").type(RestParamType.query).required(true).endParam()
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-cpa")
                .get("/label-mappings").routeId("api-gads-labels-list").description("Odoo product category -> Google Ads label")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-labels-list")
                .post("/label-mappings").routeId("api-gads-labels-create")
                    .description("Adds a mapping: {\"odoo_category\": \"...\", \"label\": \"...\", \"label_index\": 0..4}")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-gads-labels-create")
                .get("/label-mappings/{id}").routeId("api-gads-labels-get").description("One mapping")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-labels-get")
                .put("/label-mappings/{id}").routeId("api-gads-labels-update").description("Replaces a mapping")
                    .consumes(ApiResponses.JSON_TYPE).produces(ApiResponses.JSON_TYPE).to("direct:api-gads-labels-update")
                .delete("/label-mappings/{id}").routeId("api-gads-labels-delete").description("Deletes a mapping")
                    .produces(ApiResponses.JSON_TYPE).to("direct:api-gads-labels-delete");

        from("direct:api-gads-test-connection").process(guard.require(Role.OPERATOR)).process(e -> ApiResponses.json(e, 200,
                testConnection(e.getContext().getRegistry().lookupByNameAndType(OdooNeeds.BEAN, OdooNeeds.class)).toJson()));
        from("direct:api-gads-status").process(guard.require(Role.VIEWER)).process(this::status);
        from("direct:api-gads-metrics-run").process(guard.require(Role.OPERATOR)).process(this::runMetrics);
        from("direct:api-gads-conversions-run").process(guard.require(Role.OPERATOR)).process(this::runConversions);
        from("direct:api-gads-conversions-failed").process(guard.require(Role.VIEWER)).process(this::failed);
        from("direct:api-gads-conversions-resubmit").process(guard.require(Role.OPERATOR)).process(this::resubmit);
        from("direct:api-gads-reconciliation").process(guard.require(Role.VIEWER)).process(this::reconciliation);
        from("direct:api-gads-cpa").process(guard.require(Role.VIEWER)).process(this::cpa);
        from("direct:api-gads-labels-list").process(guard.require(Role.VIEWER))
                .process(e -> ApiResponses.json(e, 200, Map.of("mappings", labels.list().stream().map(GoogleAdsApiRoutes::view).toList())));
        from("direct:api-gads-labels-create").process(guard.require(Role.OPERATOR)).process(this::createLabel);
        from("direct:api-gads-labels-get").process(guard.require(Role.VIEWER))
                .process(e -> ApiResponses.json(e, 200, view(labels.get(id(e)).orElseThrow(() -> ApiException.notFound("no mapping " + id(e))))));
        from("direct:api-gads-labels-update").process(guard.require(Role.OPERATOR)).process(this::updateLabel);
        from("direct:api-gads-labels-delete").process(guard.require(Role.OPERATOR)).process(e -> {
            if (!labels.delete(id(e))) {
                throw ApiException.notFound("no mapping " + id(e));
            }
            ApiResponses.noContent(e);
        });
    }

    /**
     * Lists the customers the credentials reach (one API call), names those configured but not reachable, and resumes a
     * flow the jobs paused for a refused credential; with what Odoo lacks of this connector's needs, read afresh (health
     * then shows the same answer). The API's test-connection and the operator's page both ask this.
     */
    public ConnectionTest testConnection(OdooNeeds needs) {
        Map<String, Object> out = new LinkedHashMap<>();
        String message;
        boolean ok;
        try {
            List<String> customers = api.accessibleCustomers().stream().map(c -> c.substring(c.lastIndexOf('/') + 1)).toList();
            ok = true;
            out.put("customers", customers);
            List<String> missing = new ArrayList<>(accountSettings.customerIds());
            missing.removeAll(customers);
            out.put("configured_but_not_accessible", missing);
            List<String> resumed = new ArrayList<>();
            for (String flow : List.of(GoogleAdsJobs.METRICS_FLOW, GoogleAdsJobs.CONVERSIONS_FLOW)) {
                FlowControl.State s = flows.state(flow);
                if (s != null && s.paused() && GoogleAdsJobs.BY.equals(s.changedBy()) && s.resumeAt() == null) {
                    flows.resume(flow, "test-connection");
                    resumed.add(flow);
                }
            }
            out.put("resumed_flows", resumed);
            message = "Google Ads answered: " + customers.size() + " accessible customer(s)"
                    + (missing.isEmpty() ? "" : "; configured but not accessible: " + String.join(", ", missing))
                    + (resumed.isEmpty() ? "" : "; resumed " + String.join(", ", resumed));
        } catch (AdsFailure f) {
            ok = false;
            out.put("kind", f.kind().name());
            out.put("error", f.getMessage());
            if (f.retryDelay() != null) {
                out.put("retry_after_seconds", f.retryDelay().toSeconds());
            }
            message = "Google Ads refused (" + f.kind().name() + "): " + f.getMessage();
        }
        if (needs != null) {
            out.put("odoo_requirements", needs.checkNow().of(GoogleAdsJobs.CONNECTOR).toJson());
        }
        return new ConnectionTest(ok, message, out);
    }

    private void status(Exchange e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", accountSettings.enabled());
        out.put("customer_ids", accountSettings.customerIds());
        out.put("login_customer_id", accountSettings.loginCustomerId());
        out.put("endpoint", accountSettings.endpoint().toString());
        out.put("auth", accountSettings.authMode());
        out.put("import_period_minutes", metricsSettings.importPeriod().toMinutes());
        out.put("upload_period_minutes", conversionSettings.uploadPeriod().toMinutes());
        out.put("lookback_days", metricsSettings.lookbackDays());
        out.put("conversion_action", conversionSettings.conversionAction());
        out.put("upload_won_opportunities", conversionSettings.uploadWonOpportunities());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunState.Run r : state.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", r.job());
            m.put("customer_id", r.customerId());
            m.put("last_success_at", r.lastSuccessAt() == null ? null : r.lastSuccessAt().toString());
            m.put("last_success_day", r.lastSuccessDay() == null ? null : r.lastSuccessDay().toString());
            m.put("next_run_at", r.nextRunAt() == null ? null : r.nextRunAt().toString());
            m.put("failures", r.failures());
            m.put("last_error", r.lastError());
            runs.add(m);
        }
        out.put("runs", runs);
        ApiResponses.json(e, 200, out);
    }

    private void requireOn() {
        if (!jobs.enabled()) {
            throw ApiException.conflict("Google Ads is off (hub.google-ads.enabled=false)");
        }
    }

    private void requireRunning(String flow) {
        if (flows.isPaused(flow)) {
            FlowControl.State s = flows.state(flow);
            throw ApiException.conflict("flow " + flow + " is paused: " + (s == null ? "" : s.reason()));
        }
    }

    private void runMetrics(Exchange e) {
        requireOn();
        requireRunning(GoogleAdsJobs.METRICS_FLOW);
        List<MetricsImport.Result> results = jobs.importMetricsNow();
        List<Map<String, Object>> out = new ArrayList<>();
        for (MetricsImport.Result r : results) {
            out.add(Map.of("customer_id", r.customerId(), "from", r.from().toString(), "to", r.to().toString(), "rows", r.rows(),
                    "campaigns_written", r.campaignsWritten(), "odoo_calls", r.odooCalls()));
        }
        ApiResponses.json(e, 200, Map.of("imports", out, "flow", flowState(GoogleAdsJobs.METRICS_FLOW)));
    }

    private void runConversions(Exchange e) {
        requireOn();
        if (!jobs.uploadsOn()) {
            throw ApiException.conflict("the conversion upload is off: hub.google-ads.conversion-action is empty");
        }
        requireRunning(GoogleAdsJobs.CONVERSIONS_FLOW);
        ApiResponses.json(e, 200, uploadResult(jobs.uploadConversionsNow()));
    }

    private Map<String, Object> uploadResult(ConversionUpload.Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r != null) {
            out.put("customer_id", r.customerId());
            out.put("requests", r.requests());
            out.put("uploaded", r.uploaded());
            out.put("retry", r.retry());
            out.put("failed", r.failed());
            out.put("gclids_carried", r.carried());
        }
        out.put("flow", flowState(GoogleAdsJobs.CONVERSIONS_FLOW));
        RunState.Run run = state.all().stream().filter(x -> x.job().equals(GoogleAdsJobs.CONVERSIONS_JOB)).findFirst().orElse(null);
        out.put("last_error", run == null ? null : run.lastError());
        return out;
    }

    private Map<String, Object> flowState(String flow) {
        FlowControl.State s = flows.state(flow);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paused", s != null && s.paused());
        m.put("reason", s != null && s.paused() ? s.reason() : null);
        m.put("resume_at", s != null && s.paused() && s.resumeAt() != null ? s.resumeAt().toString() : null);
        return m;
    }

    private void failed(Exchange e) {
        String model = model(e.getMessage().getHeader("model", String.class));
        int offset = intParam(e, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(e, "limit", 100, 0, Integer.MAX_VALUE);
        schema.ensureOnce();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : conversions.failed(model, offset, Math.min(limit, 1000))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.get("id"));
            m.put("reference", r.get("name"));
            m.put("gclid", r.get("x_gclid"));
            m.put("error", r.get("x_gads_upload_error") instanceof String s ? s : null);
            rows.add(m);
        }
        ApiResponses.json(e, 200, Map.of("model", model, "failed", rows));
    }

    private void resubmit(Exchange e) {
        JsonNode body = ApiResponses.readObject(e);
        String model = model(body.hasNonNull("model") ? body.get("model").asText() : null);
        List<Integer> ids = new ArrayList<>();
        if (body.has("ids")) {
            if (!body.get("ids").isArray()) {
                throw ApiException.badRequest("field 'ids' must be an array of record ids");
            }
            for (JsonNode id : body.get("ids")) {
                if (!id.canConvertToInt() || id.asInt() < 1) {
                    throw ApiException.badRequest("field 'ids' must be an array of record ids");
                }
                ids.add(id.asInt());
            }
        }
        schema.ensureOnce();
        int queued = conversions.resubmit(model, ids);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queued", queued);
        if (jobs.uploadsOn() && !flows.isPaused(GoogleAdsJobs.CONVERSIONS_FLOW)) {
            out.put("upload", uploadResult(jobs.uploadConversionsNow()));
        }
        ApiResponses.json(e, 200, out);
    }

    private void reconciliation(Exchange e) {
        LocalDate from = date(e, "from");
        LocalDate to = date(e, "to");
        String customer = e.getMessage().getHeader("customer", String.class);
        if (customer == null || customer.isBlank()) {
            if (accountSettings.customerIds().isEmpty()) {
                throw ApiException.badRequest("parameter 'customer' is required (hub.google-ads.customer-ids is empty)");
            }
            customer = accountSettings.customerIds().get(0);
        }
        customer = customer.replace("-", "");
        if (!customer.matches("\\d{1,20}")) {
            throw ApiException.badRequest("parameter 'customer' must be a customer id such as 123-456-7890");
        }
        double threshold = metricsSettings.reconciliationThreshold();
        String t = e.getMessage().getHeader("threshold", String.class);
        if (t != null && !t.isBlank()) {
            try {
                threshold = Double.parseDouble(t);
            } catch (NumberFormatException bad) {
                throw ApiException.badRequest("parameter 'threshold' must be a number such as 0.01");
            }
        }
        schema.ensureOnce();
        List<Reconciliation.Day> days;
        try {
            days = reports.daily(customer, from, to, threshold);
        } catch (AdsFailure f) {
            throw new ApiException(502, "Google Ads: " + f.getMessage());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Reconciliation.Day d : days) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", d.date().toString());
            m.put("google_cost", d.googleCost());
            m.put("odoo_cost", d.odooCost());
            m.put("google_conversions", d.googleConversions());
            m.put("odoo_conversions", d.odooConversions());
            m.put("discrepancy", d.discrepancy());
            rows.add(m);
            if (d.discrepancy()) {
                off.add(d.date().toString());
            }
        }
        ApiResponses.json(e, 200, Map.of("customer_id", customer, "threshold", threshold, "days", rows, "discrepancies", off));
    }

    private void cpa(Exchange e) {
        LocalDate from = date(e, "from");
        LocalDate to = date(e, "to");
        schema.ensureOnce();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Reconciliation.CampaignCpa c : reports.costPerAcquisition(from, to)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("campaign_id", c.campaignId());
            m.put("campaign", c.campaign());
            m.put("spend", c.spend());
            m.put("orders", c.orders());
            m.put("cpa", c.cpa());
            rows.add(m);
        }
        ApiResponses.json(e, 200, Map.of("from", from.toString(), "to", to.toString(), "campaigns", rows));
    }

    private void createLabel(Exchange e) {
        LabelMappings.Mapping m = labels.create(checked(input(ApiResponses.readObject(e))))
                .orElseThrow(() -> ApiException.conflict("this category is mapped already"));
        ApiResponses.json(e, 201, view(m));
    }

    private void updateLabel(Exchange e) {
        long id = id(e);
        LabelMappings.Input in = checked(input(ApiResponses.readObject(e)));
        boolean found;
        try {
            found = labels.update(id, in);
        } catch (IllegalArgumentException dup) {
            throw ApiException.conflict(dup.getMessage());
        }
        if (!found) {
            throw ApiException.notFound("no mapping " + id);
        }
        ApiResponses.json(e, 200, view(labels.get(id).orElseThrow()));
    }

    /**
     * The category must exist in Odoo, by its full name ("All / Saleable" in Odoo 18; Odoo 19 has no "All", its top-level
     * categories are "Goods", "Services", ...), so a typo is refused, not stored.
     */
    private LabelMappings.Input checked(LabelMappings.Input in) {
        if (!categoryExists.test(in.odooCategory())) {
            throw ApiException.badRequest("Odoo has no product category '" + in.odooCategory()
                    + "' (give its full name as Odoo shows it, parent / child: e.g. All / Saleable in Odoo 18, Goods / ... in Odoo 19)");
        }
        return in;
    }

    private static LabelMappings.Input input(JsonNode body) {
        JsonNode index = body.get("label_index");
        if (index != null && !index.canConvertToInt()) {
            throw ApiException.badRequest("label_index must be 0 to 4");
        }
        try {
            return new LabelMappings.Input(ApiResponses.requiredText(body, "odoo_category"), ApiResponses.requiredText(body, "label"),
                    index == null ? 0 : index.asInt());
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
    }

    private static Map<String, Object> view(LabelMappings.Mapping m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("odoo_category", m.odooCategory());
        out.put("label", m.label());
        out.put("label_index", m.labelIndex());
        out.put("updated_at", m.updatedAt().toString());
        return out;
    }

    private static long id(Exchange e) {
        try {
            return Long.parseLong(ApiResponses.pathParam(e, "id"));
        } catch (NumberFormatException bad) {
            throw ApiException.badRequest("id must be a number");
        }
    }

    private static String model(String raw) {
        if (raw == null || raw.isBlank() || raw.equals(OdooConversions.ORDER)) {
            return OdooConversions.ORDER;
        }
        if (raw.equals(OdooConversions.LEAD)) {
            return OdooConversions.LEAD;
        }
        throw ApiException.badRequest("model must be sale.order or crm.lead");
    }

    private static LocalDate date(Exchange e, String name) {
        String v = e.getMessage().getHeader(name, String.class);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("parameter '" + name + "' is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException bad) {
            throw ApiException.badRequest("parameter '" + name + "' must be a date YYYY-MM-DD");
        }
    }
}
