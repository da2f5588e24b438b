package io.odoohub.shopify.odoo;

import io.odoohub.odoo.LoadRecord;
import io.odoohub.odoo.LoadTable;
import io.odoohub.odoo.OdooClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code load} calls from rows given as maps (see {@link LoadTable}). Rows are grouped by the columns they name,
 * one call per group, so a record never has a field emptied that its row did not name. When Odoo rejects a call
 * this fails with Odoo's messages: the drain then applies the batch's events one by one to find the bad one.
 */
final class Loads {

    private Loads() {
    }

    /** The ids of the loaded records, in the order of {@code rows}. */
    static List<Integer> load(OdooClient odoo, String model, List<? extends Map<String, ?>> rows, Map<String, ?> context) {
        Integer[] ids = new Integer[rows.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            groups.computeIfAbsent(signature(rows.get(i)), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : groups.values()) {
            List<Map<String, ?>> maps = new ArrayList<>();
            group.forEach(i -> maps.add(rows.get(i)));
            LoadTable table = LoadTable.fromMaps(maps);
            List<List<String>> data = new ArrayList<>();
            for (LoadRecord r : table.records()) {
                data.addAll(r.rows());
            }
            OdooClient.LoadResponse response = odoo.load(model, table.fields(), data, context);
            if (response.rejected()) {
                StringBuilder why = new StringBuilder();
                for (OdooClient.LoadMessage m : response.messages()) {
                    if (m.isError()) {
                        why.append(why.length() == 0 ? "" : "; ").append(m.message());
                    }
                }
                throw new IllegalStateException("Odoo refused the " + model + " rows: " + why);
            }
            for (int k = 0; k < group.size(); k++) {
                ids[group.get(k)] = response.ids().get(k);
            }
        }
        return Arrays.asList(ids);
    }

    private static String signature(Map<String, ?> row) {
        TreeSet<String> keys = new TreeSet<>();
        row.forEach((k, v) -> {
            if (v instanceof List<?> sub && !sub.isEmpty() && sub.get(0) instanceof Map<?, ?>) {
                for (Object line : sub) {
                    ((Map<?, ?>) line).keySet().forEach(s -> keys.add(k + "/" + s));
                }
            } else {
                keys.add(k);
            }
        });
        return String.join(",", keys);
    }
}
