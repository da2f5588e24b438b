package io.odoohub.shopify.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.ApiRouteBuilder;
import io.odoohub.api.Role;
import io.odoohub.shopify.client.ShopifyApiException;
import io.odoohub.shopify.flow.ShopifyImport;
import io.odoohub.shopify.flow.ShopifyPush;
import io.odoohub.shopify.flow.ShopifyReconciliation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Management API of the Shopify connector: run the push now, start (or resume) the initial import and follow its
 * progress.
 */
public final class ShopifyApi extends ApiRouteBuilder {

    private final ShopifyPush push;
    private final ShopifyImport importer;
    private final ShopifyReconciliation reconciliation;

    public ShopifyApi(ApiGuard guard, ShopifyPush push, ShopifyImport importer, ShopifyReconciliation reconciliation) {
        super(guard);
        this.push = push;
        this.importer = importer;
        this.reconciliation = reconciliation;
    }

    @Override
    protected void configureApi() {
        rest(BASE + "/shopify").description("Shopify connector")
                .post("/push").routeId("api-shopify-push").description("Pushes prices, descriptions and stock changed in Odoo to Shopify now")
                .to("direct:api-shopify-push")
                .post("/import").routeId("api-shopify-import-start")
                .description("Starts or resumes the initial import: customers, products, then orders created from..to (JSON {from, to})")
                .to("direct:api-shopify-import-start")
                .get("/import").routeId("api-shopify-import-progress").description("The initial import's progress (done/total per phase)")
                .to("direct:api-shopify-import-progress")
                .post("/reconcile").routeId("api-shopify-reconcile")
                .description("Compares Shopify and Odoo for from..to (JSON {from, to, resync}); with resync, stores what is missing again")
                .to("direct:api-shopify-reconcile");
        from("direct:api-shopify-reconcile").process(guard.require(Role.OPERATOR)).process(e -> {
            var body = ApiResponses.readObject(e);
            LocalDate[] range = range(body);
            try {
                ApiResponses.json(e, 200, reconciliation.run(range[0], range[1], body.path("resync").asBoolean(false)));
            } catch (ShopifyApiException ex) {
                throw new ApiException(502, "the reconciliation did not finish: " + ex.getMessage());
            } catch (IllegalStateException | IllegalArgumentException ex) {
                throw new ApiException(409, "the reconciliation cannot run: " + ex.getMessage());
            }
        });
        from("direct:api-shopify-import-start").process(guard.require(Role.OPERATOR)).process(e -> {
            LocalDate[] range = range(ApiResponses.readObject(e));
            try {
                ApiResponses.json(e, 202, importer.start(range[0], range[1]));
            } catch (IllegalArgumentException ex) {
                throw new ApiException(400, ex.getMessage());
            }
        });
        from("direct:api-shopify-import-progress").process(guard.require(Role.VIEWER))
                .process(e -> ApiResponses.json(e, 200, importer.progress()));
        from("direct:api-shopify-push").process(guard.require(Role.OPERATOR)).process(e -> {
            try {
                ApiResponses.json(e, 200, push.run());
            } catch (ShopifyApiException ex) {
                throw new ApiException(502, "the push did not finish: " + ex.getMessage());
            } catch (IllegalStateException | IllegalArgumentException ex) {
                // Shopify is not configured (shop, token, location): a state the caller can fix, not a server fault
                throw new ApiException(409, "the push cannot run: " + ex.getMessage());
            }
        });
    }

    private static LocalDate[] range(JsonNode body) {
        try {
            LocalDate from = LocalDate.parse(ApiResponses.requiredText(body, "from"));
            LocalDate to = LocalDate.parse(ApiResponses.requiredText(body, "to"));
            if (from.isAfter(to)) {
                throw new ApiException(400, "from is after to");
            }
            return new LocalDate[] {from, to};
        } catch (DateTimeParseException ex) {
            throw new ApiException(400, "from and to must be dates, e.g. 2026-01-31");
        }
    }
}
