package io.odoohub.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base records of a fresh database, read from {@code seed.json} (next to this class) once the models are defined:
 * currencies (the company's EUR and USD active, so that the demo stores' USD orders land; GBP and CHF not), countries
 * and the states of the United States and Canada as Odoo's base data has them, the company, OdooBot and the admin,
 * currency rates, units, payment terms, groups, taxes, product categories, CRM stages, activity types, UTM records,
 * stock locations and warehouse, and the modules whose models the sandbox has. Each record is created in file order,
 * with its external id; a many2one value {@code {"ref": "module.name"}} is the id of that external id.
 */
final class SeedData {

    static final String RESOURCE = "seed.json";

    private SeedData() {
    }

    /** @param delivery whether the delivery module is installed (its module row says "installed", else "uninstalled") */
    static void load(Orm orm, boolean delivery) {
        for (Map<String, Object> r : records()) {
            Map<String, Object> values = new LinkedHashMap<>(map(r.get("values")));
            if (!delivery && r.get("withoutDelivery") != null) {
                values.putAll(map(r.get("withoutDelivery")));
            }
            values.replaceAll((field, v) -> v instanceof Map<?, ?> ref ? resolve(orm, (String) ref.get("ref")) : v);
            if (r.get("write") != null) {
                List<Integer> ids = new ArrayList<>();
                for (Object xmlid : (List<?>) r.get("ids")) {
                    ids.add(resolve(orm, (String) xmlid));
                }
                orm.write(orm.model((String) r.get("write")), ids, values);
                continue;
            }
            String model = (String) r.get("model");
            int id = orm.create(orm.model(model), values);
            if (r.get("id") != null) {
                orm.registerXmlid((String) r.get("id"), model, id);
            }
        }
    }

    static List<Map<String, Object>> records() {
        try (InputStream in = SeedData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sandbox's seed " + RESOURCE + " is not on the class path");
            }
            Map<String, Object> file = new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> records = (List<Map<String, Object>>) file.get("records");
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox's seed " + RESOURCE + " does not read", e);
        }
    }

    private static Integer resolve(Orm orm, String xmlid) {
        Rec x = orm.xmlidRow(xmlid);
        if (x == null) {
            throw new IllegalStateException(RESOURCE + ": no record has the external id " + xmlid + " (yet)");
        }
        return (Integer) x.get("res_id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
