package io.odoohub.shopify;

import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.ApiRouteBuilder;
import io.odoohub.api.Role;
import io.odoohub.shopify.admin.ShopifyApiException;
import io.odoohub.shopify.admin.ShopifyImport;
import io.odoohub.shopify.admin.ShopifyPush;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Management API of the Shopify connector: run the push now, start (or resume) the initial import and follow its
 * progress.
 */
final class ShopifyApi extends ApiRouteBuilder {

    private final ShopifyPush push;
    private final ShopifyImport importer;

    ShopifyApi(ApiGuard guard, ShopifyPush push, ShopifyImport importer) {
        super(guard);
        this.push = push;
        this.importer = importer;
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
                .to("direct:api-shopify-import-progress");
        from("direct:api-shopify-import-start").process(guard.require(Role.OPERATOR)).process(e -> {
            var body = ApiResponses.readObject(e);
            LocalDate from;
            LocalDate to;
            try {
                from = LocalDate.parse(ApiResponses.requiredText(body, "from"));
                to = LocalDate.parse(ApiResponses.requiredText(body, "to"));
            } catch (DateTimeParseException ex) {
                throw new ApiException(400, "from and to must be dates, e.g. 2026-01-31");
            }
            try {
                ApiResponses.json(e, 202, importer.start(from, to));
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
}
