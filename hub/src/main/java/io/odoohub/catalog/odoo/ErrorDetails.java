package io.odoohub.catalog.odoo;

import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.RowFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Odoo's reason for refusing a product -> the seed's {@code error_details}: {@code odoo_error_code}
 * (UNIQUE_VIOLATION, REQUIRED_FIELD_MISSING, NOT_FOUND, INVALID_VALUE, ODOO_ERROR), the field, the value and, for a
 * duplicate barcode, the id of the product that already has it (found for all failures in one call).
 */
final class ErrorDetails {

    Map<String, Object> local(String message, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("odoo_error_code", field != null ? "REQUIRED_FIELD_MISSING" : "INVALID_VALUE");
        m.put("field", field);
        m.put("message", message);
        return m;
    }

    /** Details per failure index; {@code values} are the load values of each failed product. */
    Map<Integer, Map<String, Object>> forLoadFailures(OdooClient client, List<Map<String, Object>> values, List<RowFailure> failures) {
        Map<Integer, Map<String, Object>> out = new HashMap<>();
        List<String> duplicateBarcodes = new ArrayList<>();
        for (int k = 0; k < failures.size(); k++) {
            RowFailure f = failures.get(k);
            String message = f == null ? "" : f.message();
            String lower = message.toLowerCase(Locale.ROOT);
            Map<String, Object> d = new LinkedHashMap<>();
            String field = f == null ? null : f.field();
            if (lower.contains("barcode") && (lower.contains("already assigned") || lower.contains("unique"))) {
                field = "barcode";
            }
            String code;
            if (lower.contains("already assigned") || lower.contains("unique") || lower.contains("duplicate key")) {
                code = "UNIQUE_VIOLATION";
            } else if (lower.contains("required") || lower.contains("missing required")) {
                code = "REQUIRED_FIELD_MISSING";
            } else if (lower.contains("no matching record")) {
                code = "NOT_FOUND";
            } else if (lower.contains("does not seem to be") || lower.contains("not found in selection")) {
                code = "INVALID_VALUE";
            } else {
                code = "ODOO_ERROR";
            }
            d.put("odoo_error_code", code);
            d.put("field", field);
            Object value = field == null ? null : values.get(k).getOrDefault(field, values.get(k).get(field + "/.id"));
            d.put("value", value);
            if ("UNIQUE_VIOLATION".equals(code) && "barcode".equals(field) && value != null) {
                duplicateBarcodes.add(value.toString());
            }
            out.put(k, d);
        }
        if (!duplicateBarcodes.isEmpty()) {
            Map<String, Integer> existing = new HashMap<>();
            for (Map<String, Object> row : client.searchRead("product.product", List.of(List.of("barcode", "in", duplicateBarcodes)),
                    List.of("barcode", "product_tmpl_id"), null, 0, 0, null)) {
                existing.put((String) row.get("barcode"), (Integer) ((List<?>) row.get("product_tmpl_id")).get(0));
            }
            for (Map<String, Object> d : out.values()) {
                if ("UNIQUE_VIOLATION".equals(d.get("odoo_error_code")) && d.get("value") != null) {
                    d.put("existing_product_id", existing.get(d.get("value").toString()));
                }
            }
        }
        return out;
    }
}
