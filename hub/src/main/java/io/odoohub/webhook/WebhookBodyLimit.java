package io.odoohub.webhook;

import io.odoohub.support.HttpRouterHooks;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size cap of every webhook ({@code /webhooks/*}), applied while the body is read, not after: the HTTP server's
 * own cap ({@code camel.server.maxBodySize}, for the API) is far larger. A declared {@code Content-Length} above the
 * cap is refused before a byte of the body is read; a body without one (chunked) is counted as it arrives and refused
 * as soon as it passes the cap. The answer is 413, and the connection is closed. No file upload is ever written.
 *
 * <p>Two pieces on Camel's Vert.x router: a route ahead of Camel's for the declared length and the 413 answer, and
 * the body reader Camel's webhook consumers use, which reads a webhook's body with the webhook's cap. (A second
 * reader in front of Camel's cannot work: Camel's resumes the request it is given, which an HTTP/2 request refuses
 * once its body has been read.)
 */
public final class WebhookBodyLimit {

    static final String PREFIX = "/webhooks/";
    static final String BEAN = "webhookBodyLimit";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookBodyLimit.class);

    private final int defaultCap;
    /** webhook path -> its own cap, where it differs from the default (Shopify's has a setting of its own). */
    private final Map<String, Integer> caps = new ConcurrentHashMap<>();
    private final Map<Integer, BodyHandler> readers = new ConcurrentHashMap<>();

    private WebhookBodyLimit(int defaultCap) {
        this.defaultCap = defaultCap;
    }

    /** Puts the cap on every webhook; {@code defaultCap} is {@code hub.webhooks.max-body-bytes}. */
    public static void install(CamelContext context, int defaultCap) throws Exception {
        WebhookBodyLimit limit = new WebhookBodyLimit(defaultCap);
        context.getRegistry().bind(BEAN, limit);
        HttpRouterHooks.beforeCamel(context, HttpRouterHooks.SERVER_PORT, router -> {
            router.route(PREFIX + "*").order(HttpRouterHooks.AHEAD_OF_CAMEL)
                    .handler(limit::checkDeclaredLength)
                    .failureHandler(limit::answerTooLarge);
            // the consumers, started after this, take their body reader from the router bound under this name (unbound
            // first: the registry keeps one bean per name and class)
            context.getRegistry().unbind(router.getName());
            context.getRegistry().bind(router.getName(), VertxPlatformHttpRouter.class, new WebhookAwareRouter(router, limit));
        });
    }

    /** A webhook whose cap is not the default one; call it before the context starts. */
    public static void limit(CamelContext context, String path, int cap) {
        WebhookBodyLimit limit = context.getRegistry().lookupByNameAndType(BEAN, WebhookBodyLimit.class);
        if (limit == null) {
            throw new IllegalStateException("the webhook body limit is not installed");
        }
        limit.caps.put(path, cap);
    }

    int capOf(String path) {
        return caps.getOrDefault(path, defaultCap);
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        int cap = capOf(ctx.normalizedPath());
        if (declared != null && declaredAbove(declared.trim(), cap)) {
            refuse(ctx, cap);
        } else {
            ctx.next();
        }
    }

    /** Vert.x's reader fails the request with 413 once the body passes the cap. */
    private void answerTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().ended()) {
            refuse(ctx, capOf(ctx.normalizedPath()));
        } else {
            ctx.next();
        }
    }

    private Handler<RoutingContext> reader(String path) {
        return readers.computeIfAbsent(capOf(path), cap -> BodyHandler.create(false).setBodyLimit(cap));
    }

    private static boolean declaredAbove(String declared, int cap) {
        if (declared.isEmpty() || !declared.chars().allMatch(Character::isDigit)) {
            return false; // Vert.x refuses a malformed length itself
        }
        return declared.length() > 18 || Long.parseLong(declared) > cap;
    }

    private static void refuse(RoutingContext ctx, int cap) {
        LOG.warn("Webhook {}: refused a body larger than {} bytes (413)", ctx.normalizedPath().replaceAll("[^\\x21-\\x7e]", "?"), cap);
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"error\":\"body larger than " + cap + " bytes\"}");
    }

    /** Camel's router, except that the body of a webhook is read with the webhook's cap. */
    private static final class WebhookAwareRouter extends VertxPlatformHttpRouter {

        private final VertxPlatformHttpRouter camels;
        private final WebhookBodyLimit limit;

        WebhookAwareRouter(VertxPlatformHttpRouter camels, WebhookBodyLimit limit) {
            super(camels.getServer(), camels.vertx(), camels, camels.getName(), camels.getServerType());
            this.camels = camels;
            this.limit = limit;
        }

        @Override
        public Handler<RoutingContext> bodyHandler() {
            Handler<RoutingContext> camel = camels.bodyHandler();
            return ctx -> {
                String path = ctx.normalizedPath();
                if (path.startsWith(PREFIX)) {
                    // as Camel's own reader does: the router may hand over a paused request
                    ctx.request().resume();
                    limit.reader(path).handle(ctx);
                } else {
                    camel.handle(ctx);
                }
            };
        }
    }
}
