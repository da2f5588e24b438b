package io.odoohub.googleads.odoo;

import io.odoohub.odoo.OdooClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares Odoo for the connector as Odoo Studio would, through {@code ir.model} and {@code ir.model.fields}, adding
 * only what is missing: the Google Ads fields on utm.campaign, crm.lead and sale.order, the daily metrics model
 * {@value #METRICS}, and the UTM source "Google Ads" and medium "cpc". Safe to run at every start: a second run
 * reads, finds everything, and writes nothing.
 */
public final class OdooAdsSchema {

    public static final String METRICS = "x_google_ads_metric";
    public static final String SOURCE = "Google Ads";
    public static final String MEDIUM = "cpc";

    /** One custom field: model, name, type, label, and the relation or selection it needs. */
    record FieldSpec(String model, String name, String type, String label, String relation, List<String> selection) {
        static FieldSpec of(String model, String name, String type, String label) {
            return new FieldSpec(model, name, type, label, null, null);
        }
    }

    static final List<String> UPLOAD_STATES = List.of("pending", "uploaded", "retry", "failed");

    static final List<FieldSpec> FIELDS = fields();

    private static List<FieldSpec> fields() {
        List<FieldSpec> f = new ArrayList<>();
        f.add(FieldSpec.of("utm.campaign", "x_google_ads_campaign_id", "char", "Google Ads Campaign ID"));
        f.add(FieldSpec.of("utm.campaign", "x_google_ads_customer_id", "char", "Google Ads Customer ID"));
        f.add(FieldSpec.of("utm.campaign", "x_google_ads_status", "char", "Google Ads Status"));
        for (String model : List.of("crm.lead", "sale.order")) {
            f.add(FieldSpec.of(model, "x_gclid", "char", "Google Click ID (gclid)"));
            f.add(new FieldSpec(model, "x_gads_upload_state", "selection", "Google Ads Upload", null, UPLOAD_STATES));
            f.add(FieldSpec.of(model, "x_gads_upload_error", "text", "Google Ads Upload Error"));
            f.add(FieldSpec.of(model, "x_gads_uploaded_at", "datetime", "Uploaded to Google Ads on"));
            f.add(FieldSpec.of(model, "x_gads_retry_after", "datetime", "Google Ads Upload Retry After"));
        }
        f.add(FieldSpec.of(METRICS, "x_name", "char", "Name"));
        f.add(new FieldSpec(METRICS, "x_campaign_id", "many2one", "Campaign", "utm.campaign", null));
        f.add(FieldSpec.of(METRICS, "x_customer_id", "char", "Google Ads Customer ID"));
        f.add(FieldSpec.of(METRICS, "x_date", "date", "Day (account time zone)"));
        f.add(FieldSpec.of(METRICS, "x_utc_start", "datetime", "Day start (UTC)"));
        f.add(FieldSpec.of(METRICS, "x_time_zone", "char", "Account Time Zone"));
        f.add(FieldSpec.of(METRICS, "x_clicks", "integer", "Clicks"));
        f.add(FieldSpec.of(METRICS, "x_impressions", "integer", "Impressions"));
        f.add(FieldSpec.of(METRICS, "x_cost", "float", "Cost (account currency)"));
        f.add(new FieldSpec(METRICS, "x_currency_id", "many2one", "Account Currency", "res.currency", null));
        f.add(FieldSpec.of(METRICS, "x_cost_company", "float", "Cost (company currency)"));
        f.add(new FieldSpec(METRICS, "x_company_currency_id", "many2one", "Company Currency", "res.currency", null));
        f.add(FieldSpec.of(METRICS, "x_conversions", "float", "Conversions"));
        f.add(FieldSpec.of(METRICS, "x_conversions_value", "float", "Conversion Value"));
        return List.copyOf(f);
    }

    private final OdooClient odoo;
    private volatile boolean ready;

    public OdooAdsSchema(OdooClient odoo) {
        this.odoo = odoo;
    }

    /** {@link #ensure} once per process: the jobs and the API call it before they touch the fields. */
    public void ensureOnce() {
        if (!ready) {
            synchronized (this) {
                if (!ready) {
                    ensure();
                    ready = true;
                }
            }
        }
    }

    /** Adds what is missing; returns the number of things created (0 when Odoo was ready). */
    public int ensure() {
        int created = 0;
        Set<String> models = new HashSet<>();
        FIELDS.forEach(f -> models.add(f.model()));
        Map<String, Integer> modelIds = modelIds(models);
        if (!modelIds.containsKey(METRICS)) {
            List<Integer> ids = odoo.create("ir.model", List.of(Map.of("model", METRICS, "name", "Google Ads Daily Metrics",
                    "state", "manual")), null);
            modelIds.put(METRICS, ids.get(0));
            odoo.create("ir.model.access", List.of(Map.of("name", "access_" + METRICS, "model_id", ids.get(0),
                    "perm_read", true, "perm_write", true, "perm_create", true, "perm_unlink", true)), null);
            created++;
        }
        Set<String> existing = new HashSet<>();
        for (Map<String, Object> row : odoo.searchRead("ir.model.fields",
                List.of(List.of("model", "in", List.copyOf(models)), List.of("name", "=like", "x_%")), List.of("model", "name"), null, 0, 0, null)) {
            existing.add(row.get("model") + "." + row.get("name"));
        }
        List<Map<String, Object>> missing = new ArrayList<>();
        for (FieldSpec f : FIELDS) {
            if (existing.contains(f.model() + "." + f.name())) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("model_id", modelIds.get(f.model()));
            v.put("name", f.name());
            v.put("ttype", f.type());
            v.put("field_description", f.label());
            v.put("state", "manual");
            if (f.relation() != null) {
                v.put("relation", f.relation());
            }
            if (f.selection() != null) {
                List<Object> options = new ArrayList<>();
                for (int i = 0; i < f.selection().size(); i++) {
                    String value = f.selection().get(i);
                    options.add(List.of(0, 0, Map.of("value", value, "name", Character.toUpperCase(value.charAt(0)) + value.substring(1),
                            "sequence", i)));
                }
                v.put("selection_ids", options);
            }
            missing.add(v);
        }
        if (!missing.isEmpty()) {
            odoo.create("ir.model.fields", missing, null);
            created += missing.size();
        }
        created += ensureNamed("utm.source", SOURCE);
        created += ensureNamed("utm.medium", MEDIUM);
        return created;
    }

    /** The id of the UTM source "Google Ads" and medium "cpc" (after {@link #ensure}). */
    public Map<String, Integer> utmIds() {
        Map<String, Integer> out = new HashMap<>();
        out.put("source", idByName("utm.source", SOURCE));
        out.put("medium", idByName("utm.medium", MEDIUM));
        return out;
    }

    private Map<String, Integer> modelIds(Set<String> models) {
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Object> row : odoo.searchRead("ir.model", List.of(List.of("model", "in", List.copyOf(models))),
                List.of("model"), null, 0, 0, null)) {
            out.put((String) row.get("model"), (Integer) row.get("id"));
        }
        return out;
    }

    private int ensureNamed(String model, String name) {
        if (idByName(model, name) != null) {
            return 0;
        }
        odoo.create(model, List.of(Map.of("name", name)), null);
        return 1;
    }

    private Integer idByName(String model, String name) {
        List<Map<String, Object>> rows = odoo.searchRead(model, List.of(List.of("name", "=", name)), List.of("id"), null, 0, 1, null);
        return rows.isEmpty() ? null : (Integer) rows.get(0).get("id");
    }
}
