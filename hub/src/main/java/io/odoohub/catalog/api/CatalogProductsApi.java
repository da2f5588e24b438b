package io.odoohub.catalog.api;

import io.odoohub.catalog.model.CatalogProduct;
import io.odoohub.catalog.model.CatalogStore;
import io.odoohub.catalog.model.ProductFields;
import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.Role;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** {@code /api/v1/products}: the local catalog's products (reads: viewer; changes: operator). */
public final class CatalogProductsApi extends CatalogApiSupport {

    private final CatalogStore store;
    private final Clock clock;

    public CatalogProductsApi(ApiGuard guard, CatalogStore store, Clock clock) {
        super(guard);
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected void endpoints() {
        endpoint("GET", "/products", "api-catalog-products-list", Role.VIEWER, "Lists catalog products", this::list,
                "supplier_id", "offset", "limit");
        endpoint("GET", "/products/{id}", "api-catalog-products-get", Role.VIEWER, "One catalog product", this::get);
        endpoint("POST", "/products", "api-catalog-products-create", Role.OPERATOR, "Creates a catalog product", this::create);
        endpoint("PUT", "/products/{id}", "api-catalog-products-update", Role.OPERATOR, "Updates a catalog product (named fields only)",
                this::update);
        endpoint("DELETE", "/products/{id}", "api-catalog-products-delete", Role.OPERATOR, "Deletes a catalog product", this::delete);
    }

    private void list(Exchange e) {
        String supplier = e.getMessage().getHeader("supplier_id", String.class);
        Long supplierId;
        try {
            supplierId = supplier == null || supplier.isBlank() ? null : Long.parseLong(supplier);
        } catch (NumberFormatException ex) {
            throw ApiException.badRequest("supplier_id must be an integer");
        }
        int offset = intParam(e, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(e, "limit", 50, 1, 500);
        List<Map<String, Object>> items = store.list(new CatalogStore.Filter(supplierId, false, null, false, false), offset, limit)
                .stream().map(CatalogProduct::toJson).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", store.count());
        body.put("offset", offset);
        body.put("limit", limit);
        ApiResponses.json(e, 200, body);
    }

    private void get(Exchange e) {
        ApiResponses.json(e, 200, find(e).toJson());
    }

    private void create(Exchange e) {
        Map<String, String> fields = fields(ApiResponses.readObject(e));
        CatalogProduct p = ProductFields.apply(null, fields, clock.instant());
        store.saveAll(List.of(p));
        ApiResponses.json(e, 201, p.toJson(), Map.of("Location", BASE + "/products/" + p.id()));
    }

    private void update(Exchange e) {
        CatalogProduct base = find(e);
        CatalogProduct p = ProductFields.apply(base, fields(ApiResponses.readObject(e)), clock.instant());
        store.saveAll(List.of(p));
        ApiResponses.json(e, 200, p.toJson());
    }

    private void delete(Exchange e) {
        if (!store.delete(ApiResponses.pathParam(e, "id"))) {
            throw ApiException.notFound("no product '" + ApiResponses.pathParam(e, "id") + "'");
        }
        ApiResponses.noContent(e);
    }

    private CatalogProduct find(Exchange e) {
        String id = ApiResponses.pathParam(e, "id");
        return store.get(id).orElseThrow(() -> ApiException.notFound("no product '" + id + "'"));
    }

    /** A JSON body -> field texts; unknown fields are refused, so a typo does not pass silently. */
    static Map<String, String> fields(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!CatalogProduct.FIELDS.contains(f.getKey())) {
                throw ApiException.badRequest("unknown product field '" + f.getKey() + "'; fields are " + CatalogProduct.FIELDS);
            }
            JsonNode v = f.getValue();
            if (v.isContainerNode()) {
                throw ApiException.badRequest(f.getKey() + " must be a single value");
            }
            out.put(f.getKey(), v.isNull() ? "" : v.asText());
        }
        return out;
    }
}
