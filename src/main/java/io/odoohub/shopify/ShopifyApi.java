package io.odoohub.shopify;

import io.odoohub.api.ApiException;
import io.odoohub.api.ApiGuard;
import io.odoohub.api.ApiResponses;
import io.odoohub.api.ApiRouteBuilder;
import io.odoohub.api.Role;
import io.odoohub.shopify.admin.ShopifyApiException;
import io.odoohub.shopify.admin.ShopifyPush;

/** Management API of the Shopify connector: run the push now (operator). */
final class ShopifyApi extends ApiRouteBuilder {

    private final ShopifyPush push;

    ShopifyApi(ApiGuard guard, ShopifyPush push) {
        super(guard);
        this.push = push;
    }

    @Override
    protected void configureApi() {
        rest(BASE + "/shopify").description("Shopify connector")
                .post("/push").routeId("api-shopify-push").description("Pushes prices, descriptions and stock changed in Odoo to Shopify now")
                .to("direct:api-shopify-push");
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
