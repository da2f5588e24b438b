package io.odoohub.shopify.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.odoo.OdooBatchWriter;
import io.odoohub.odoo.OdooClient;
import io.odoohub.shopify.model.ShopifyAddress;
import io.odoohub.shopify.model.ShopifyCustomer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shopify customers -> res.partner, in batches: bound by external id {@code shopify.customer_<id>}; an unbound
 * customer is first matched by email (case-insensitive) to an existing partner, which is then bound rather than
 * duplicated. The invoice and delivery addresses become child contacts ({@code type} invoice/delivery,
 * {@code shopify.customer_<id>_invoice|_delivery}); Shopify tags become partner tags (created when missing). An
 * address's country and province codes become {@code country_id} and {@code state_id} (res.country.state by country
 * and code), one read each for the batch.
 */
public final class CustomerWriter {

    /** How much of an existing customer to write. */
    public enum Mode {
        /** customers/create|update: Shopify owns its customers, everything is written */
        FULL,
        /** a customer inside an order: created when missing, else only its invoice/delivery contacts are updated */
        ENSURE
    }

    private final OdooClient odoo;
    private final ExternalIds binder;

    public CustomerWriter(OdooClient odoo, ExternalIds binder) {
        this.odoo = odoo;
        this.binder = binder;
    }

    /** @param customers hub key (e.g. customer_7) -> customer; answers key -> partner ids */
    public Map<String, PartnerIds> write(Map<String, ShopifyCustomer> customers, Mode mode) {
        Map<String, PartnerIds> out = new LinkedHashMap<>();
        if (customers.isEmpty()) {
            return out;
        }
        Map<String, Integer> bound = binder.find("res.partner", customers.keySet());
        bindByEmail(customers, bound);
        Map<String, Integer> tags = tagIds(customers.values());
        Map<String, Integer> countries = countryIds(customers.values());
        Map<String, Integer> states = stateIds(customers.values(), countries);

        List<String> mainKeys = new ArrayList<>();
        List<Map<String, Object>> mainRows = new ArrayList<>();
        for (Map.Entry<String, ShopifyCustomer> e : customers.entrySet()) {
            if (mode == Mode.FULL || !bound.containsKey(e.getKey())) {
                mainKeys.add(e.getKey());
                mainRows.add(mainRow(e.getKey(), e.getValue(), tags, countries, states));
            }
        }
        List<Integer> mainIds = OdooBatchWriter.loadAll(odoo, "res.partner", mainRows, null);
        Map<String, Integer> partners = new HashMap<>(bound);
        for (int i = 0; i < mainKeys.size(); i++) {
            partners.put(mainKeys.get(i), mainIds.get(i));
        }

        List<String> childNames = new ArrayList<>();
        List<Map<String, Object>> childRows = new ArrayList<>();
        for (Map.Entry<String, ShopifyCustomer> e : customers.entrySet()) {
            ShopifyCustomer c = e.getValue();
            addChild(childNames, childRows, e.getKey(), "invoice", c.invoiceAddress(), c, countries, states);
            addChild(childNames, childRows, e.getKey(), "delivery", c.deliveryAddress(), c, countries, states);
        }
        List<Integer> childIds = OdooBatchWriter.loadAll(odoo, "res.partner", childRows, null);
        Map<String, Integer> children = new HashMap<>();
        for (int i = 0; i < childNames.size(); i++) {
            children.put(childNames.get(i), childIds.get(i));
        }
        // contacts written earlier stay in use when this payload carries no address
        Set<String> missing = new LinkedHashSet<>();
        for (String key : customers.keySet()) {
            for (String type : List.of("invoice", "delivery")) {
                if (!children.containsKey(key + "_" + type)) {
                    missing.add(key + "_" + type);
                }
            }
        }
        children.putAll(binder.find("res.partner", missing));
        for (String key : customers.keySet()) {
            int partner = partners.get(key);
            out.put(key, new PartnerIds(partner, children.getOrDefault(key + "_invoice", partner),
                    children.getOrDefault(key + "_delivery", partner)));
        }
        return out;
    }

    /** Unbound customers with an email: an existing top-level partner with that email (any case) is bound to them. */
    private void bindByEmail(Map<String, ShopifyCustomer> customers, Map<String, Integer> bound) {
        Map<String, String> keyByEmail = new LinkedHashMap<>();
        customers.forEach((key, c) -> {
            if (!bound.containsKey(key) && c.email() != null) {
                keyByEmail.putIfAbsent(c.email().toLowerCase(Locale.ROOT), key);
            }
        });
        if (keyByEmail.isEmpty()) {
            return;
        }
        List<Object> domain = new ArrayList<>();
        for (int i = 1; i < keyByEmail.size(); i++) {
            domain.add("|");
        }
        keyByEmail.keySet().forEach(email -> domain.add(List.of("email", "=ilike", email)));
        domain.add(List.of("parent_id", "=", false));
        // =ilike treats _ and % as wildcards: the exact (case-insensitive) comparison below settles the match
        List<Map<String, Object>> found = odoo.searchRead("res.partner", domain, List.of("email"), "id", 0, 0, null);
        Map<String, Integer> toBind = new LinkedHashMap<>();
        for (Map<String, Object> p : found) {
            String email = p.get("email") instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
            String key = email == null ? null : keyByEmail.get(email);
            if (key != null && !toBind.containsKey(key)) {
                toBind.put(key, (Integer) p.get("id"));
            }
        }
        binder.bind("res.partner", toBind);
        bound.putAll(toBind);
    }

    private Map<String, Object> mainRow(String key, ShopifyCustomer c, Map<String, Integer> tags, Map<String, Integer> countries,
                                        Map<String, Integer> states) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", ShopifyIds.xmlid(key));
        row.put("name", c.name());
        row.put("email", c.email());
        row.put("phone", c.phone());
        if (!c.tags().isEmpty()) {
            row.put("category_id/.id", c.tags().stream().map(t -> String.valueOf(tags.get(t))).collect(Collectors.joining(",")));
        }
        ShopifyAddress a = c.invoiceAddress();
        if (a != null) {
            putAddress(row, a, countries, states);
        }
        return row;
    }

    private static void addChild(List<String> names, List<Map<String, Object>> rows, String key, String type, ShopifyAddress a,
                                 ShopifyCustomer c, Map<String, Integer> countries, Map<String, Integer> states) {
        if (a == null) {
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", ShopifyIds.xmlid(key + "_" + type));
        row.put("parent_id/id", ShopifyIds.xmlid(key));
        row.put("type", type);
        row.put("name", a.name() != null ? a.name() : c.name());
        putAddress(row, a, countries, states);
        names.add(key + "_" + type);
        rows.add(row);
    }

    private static void putAddress(Map<String, Object> row, ShopifyAddress a, Map<String, Integer> countries, Map<String, Integer> states) {
        row.put("street", a.address1());
        row.put("street2", a.address2());
        row.put("city", a.city());
        row.put("zip", a.zip());
        Integer country = a.countryCode() == null ? null : countries.get(a.countryCode().toUpperCase(Locale.ROOT));
        row.put("country_id/.id", country);
        // a province Odoo does not know (or one without a country) leaves the state empty rather than wrong
        row.put("state_id/.id", country == null || a.provinceCode() == null ? null : states.get(stateKey(country, a.provinceCode())));
        if (a.phone() != null && !row.containsKey("phone")) {
            row.put("phone", a.phone());
        }
    }

    /** Partner tags by name; the missing ones are created in one call. */
    private Map<String, Integer> tagIds(Iterable<ShopifyCustomer> customers) {
        Set<String> names = new LinkedHashSet<>();
        customers.forEach(c -> names.addAll(c.tags()));
        Map<String, Integer> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        for (Map<String, Object> r : odoo.searchRead("res.partner.category", List.of(List.of("name", "in", new ArrayList<>(names))),
                List.of("name"), null, 0, 0, null)) {
            out.putIfAbsent((String) r.get("name"), (Integer) r.get("id"));
        }
        List<String> missing = names.stream().filter(n -> !out.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            List<Integer> ids = odoo.create("res.partner.category", missing.stream().map(n -> Map.of("name", n)).toList(), null);
            for (int i = 0; i < missing.size(); i++) {
                out.put(missing.get(i), ids.get(i));
            }
        }
        return out;
    }

    /** res.country.state ids by {@link #stateKey}, of the addresses' provinces in their countries: one read. */
    private Map<String, Integer> stateIds(Iterable<ShopifyCustomer> customers, Map<String, Integer> countries) {
        Set<String> codes = new LinkedHashSet<>();
        for (ShopifyCustomer c : customers) {
            for (ShopifyAddress a : new ShopifyAddress[] {c.invoiceAddress(), c.deliveryAddress()}) {
                if (a != null && a.provinceCode() != null && a.countryCode() != null
                        && countries.containsKey(a.countryCode().toUpperCase(Locale.ROOT))) {
                    codes.add(a.provinceCode().toUpperCase(Locale.ROOT));
                }
            }
        }
        Map<String, Integer> out = new HashMap<>();
        if (!codes.isEmpty()) {
            for (Map<String, Object> r : odoo.searchRead("res.country.state", List.of(List.of("code", "in", new ArrayList<>(codes)),
                    List.of("country_id", "in", new ArrayList<>(new LinkedHashSet<>(countries.values())))), List.of("code", "country_id"), "id", 0, 0, null)) {
                out.putIfAbsent(stateKey(ProductWriter.refId(r.get("country_id")), (String) r.get("code")), (Integer) r.get("id"));
            }
        }
        return out;
    }

    private static String stateKey(int country, String provinceCode) {
        return country + ":" + provinceCode.toUpperCase(Locale.ROOT);
    }

    private Map<String, Integer> countryIds(Iterable<ShopifyCustomer> customers) {
        Set<String> codes = new LinkedHashSet<>();
        for (ShopifyCustomer c : customers) {
            for (ShopifyAddress a : new ShopifyAddress[] {c.invoiceAddress(), c.deliveryAddress()}) {
                if (a != null && a.countryCode() != null) {
                    codes.add(a.countryCode().toUpperCase(Locale.ROOT));
                }
            }
        }
        Map<String, Integer> out = new HashMap<>();
        if (!codes.isEmpty()) {
            for (Map<String, Object> r : odoo.searchRead("res.country", List.of(List.of("code", "in", new ArrayList<>(codes))),
                    List.of("code"), null, 0, 0, null)) {
                out.put((String) r.get("code"), (Integer) r.get("id"));
            }
        }
        return out;
    }
}
