package io.odoohub.shopify;

import static io.odoohub.support.SettingsReader.read;

import io.odoohub.security.CredentialStore;
import io.odoohub.shopify.model.ShopifyRules.Mappings;
import io.odoohub.shopify.model.ShopifyRules.Orders;
import io.odoohub.shopify.model.ShopifyRules.Push;
import io.odoohub.shopify.model.ShopifyRules;
import io.odoohub.support.Setting;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The Shopify connector's settings ({@code shopify.*} in application.properties), declared in {@link #DECLARED}.
 * Secrets (access token, client secret) come from {@code SHOPIFY_ACCESS_TOKEN} / {@code SHOPIFY_CLIENT_SECRET} when
 * set, else from the credential store ({@code shopify.access-token}, {@code shopify.client-secret}); they are never
 * logged.
 *
 * @param api          the shop and how the Admin API is reached
 * @param rules        how orders are written, Shopify names -> Odoo names, what Odoo owns, the scheduled push
 * @param sync         the drain's batches, the import's pages, the daily reconciliation
 * @param maxBodyBytes webhook bodies above this are refused with 413
 */
public record ShopifySettings(Api api, ShopifyRules rules, Sync sync, int maxBodyBytes) {

    public static final String TOKEN_CREDENTIAL = "shopify.access-token";
    public static final String SECRET_CREDENTIAL = "shopify.client-secret";
    private static final String MAPPING = "`shopify=odoo` entries separated by `;`";

    static final Setting<String> SHOP = Setting.text("hub.shopify.shop", "SHOPIFY_SHOP", "", "the shop's domain, e.g. `example.myshopify.com`");
    static final Setting<String> ACCESS_TOKEN = Setting.text("hub.shopify.access-token", "SHOPIFY_ACCESS_TOKEN", "",
            "the Admin API access token; empty = the credential `shopify.access-token`").secret();
    static final Setting<String> CLIENT_SECRET = Setting.text("hub.shopify.client-secret", "SHOPIFY_CLIENT_SECRET", "",
            "the app's client secret, which signs the webhooks (comma-separate two while rotating); empty = the credential"
                    + " `shopify.client-secret`").secret();
    static final Setting<String> API_VERSION = Setting.text("hub.shopify.api-version", "SHOPIFY_API_VERSION", "2026-10",
            "GraphQL Admin API version");
    static final Setting<String> ADMIN_URL = Setting.text("hub.shopify.admin-url", "SHOPIFY_ADMIN_URL", "",
            "the Admin API's base URL; empty = `https://<shop>`");
    static final Setting<Integer> WEBHOOK_MAX_BODY_BYTES = Setting.positive("hub.shopify.webhook.max-body-bytes",
            "SHOPIFY_WEBHOOK_MAX_BODY_BYTES", "2097152", "Shopify webhook bodies above this are refused with 413 (bytes)");
    static final Setting<String> ORDER_PREFIX = Setting.text("hub.shopify.order-prefix", "SHOPIFY_ORDER_PREFIX", "SHOP",
            "sale.order name = prefix + Shopify's name (SHOP#1001)");
    static final Setting<String> CONFIRM_POLICY = Setting.oneOf("hub.shopify.confirm-policy", "SHOPIFY_CONFIRM_POLICY", "paid",
            "which orders are confirmed", "paid", "always", "never");
    static final Setting<String> WAREHOUSE = Setting.text("hub.shopify.warehouse", "SHOPIFY_WAREHOUSE", "",
            "stock.warehouse code or name of Shopify orders; empty = Odoo's default");
    static final Setting<Map<String, String>> LOCATION_MAP = mapping("hub.shopify.location-map", "SHOPIFY_LOCATION_MAP",
            "Shopify location id -> Odoo stock.location full name");
    static final Setting<Map<String, String>> CARRIER_MAP = mapping("hub.shopify.carrier-map", "SHOPIFY_CARRIER_MAP",
            "shipping line title (or code) -> delivery.carrier name");
    static final Setting<Map<String, String>> PAYMENT_MAP = mapping("hub.shopify.payment-map", "SHOPIFY_PAYMENT_MAP",
            "payment gateway -> payment.method name");
    static final Setting<Map<String, String>> TAX_MAP = mapping("hub.shopify.tax-map", "SHOPIFY_TAX_MAP",
            "tax line title -> account.tax name");
    static final Setting<Map<String, String>> CATEGORY_MAP = mapping("hub.shopify.category-map", "SHOPIFY_CATEGORY_MAP",
            "product type -> product.category full name");
    static final Setting<Map<String, String>> METAFIELD_MAP = mapping("hub.shopify.metafield-map", "SHOPIFY_METAFIELD_MAP",
            "metafield namespace.key -> x_ field of product.template");
    static final Setting<Set<String>> ODOO_OWNS = Setting.text("hub.shopify.odoo-owns", "SHOPIFY_ODOO_OWNS", "description,price,stock",
            "what Odoo owns: Shopify's updates do not overwrite it, the push sends it").map(ShopifySettings::owns)
            .type("description,price,stock (any of them)");
    static final Setting<Integer> INBOX_BATCH_SIZE = Setting.positive("hub.shopify.inbox.batch-size", "SHOPIFY_INBOX_BATCH_SIZE", "50",
            "events the drain applies per batch (the shared `hub.inbox.batch-size` is 200): orders are heavy, and short"
                    + " batches keep webhook acknowledgements fast while the drain writes");
    static final Setting<Boolean> PUSH_ENABLED = Setting.bool("hub.shopify.push.enabled", "SHOPIFY_PUSH_ENABLED", "false",
            "scheduled push of prices, descriptions and stock changed in Odoo");
    static final Setting<Integer> PUSH_INTERVAL_MS = Setting.positive("hub.shopify.push.interval-ms", "SHOPIFY_PUSH_INTERVAL_MS", "60000",
            "how often the push runs (ms)");
    static final Setting<Integer> PUSH_TICK_MS = Setting.positive("hub.shopify.push.tick-ms", "SHOPIFY_PUSH_TICK_MS", "1000",
            "how often the push schedule looks whether the push is due (its interval passed, or its pause-with-backoff after a failure; ms; read by routes/shopify-push.camel.yaml)");
    static final Setting<String> PUSH_LOCATION = Setting.text("hub.shopify.push.location", "SHOPIFY_PUSH_LOCATION", "",
            "the Shopify location (numeric id) whose stock the push sets")
            .check(v -> v.matches("[0-9]*"), "must be a numeric location id");
    static final Setting<Integer> IMPORT_PAGE_SIZE = Setting.positive("hub.shopify.import.page-size", "SHOPIFY_IMPORT_PAGE_SIZE", "100",
            "records per GraphQL page of the initial import and the reconciliation");
    static final Setting<Boolean> RECONCILE_ENABLED = Setting.bool("hub.shopify.reconcile.enabled", "SHOPIFY_RECONCILE_ENABLED", "false",
            "daily reconciliation of yesterday and today");
    static final Setting<Integer> RECONCILE_PERIOD_MS = Setting.positive("hub.shopify.reconcile.period-ms", "SHOPIFY_RECONCILE_PERIOD_MS",
            "86400000", "how often the reconciliation runs (ms; a day)");
    static final Setting<Integer> RECONCILE_TICK_MS = Setting.positive("hub.shopify.reconcile.tick-ms", "SHOPIFY_RECONCILE_TICK_MS", "60000",
            "how often the reconciliation's schedule looks whether it is due (ms; read by routes/shopify-reconcile.camel.yaml)");
    static final Setting<Integer> RECONCILE_START_DELAY_MS = Setting.integer("hub.shopify.reconcile.start-delay-ms",
            "SHOPIFY_RECONCILE_START_DELAY_MS", "3600000", "the wait after this runtime's start before it runs a reconciliation (ms)")
            .check(v -> v >= 0, "must be 0 or more").type("whole number ≥ 0");

    /** Every setting of the connector, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(SHOP, ACCESS_TOKEN, CLIENT_SECRET, API_VERSION, ADMIN_URL,
            WEBHOOK_MAX_BODY_BYTES, ORDER_PREFIX, CONFIRM_POLICY, WAREHOUSE, LOCATION_MAP, CARRIER_MAP, PAYMENT_MAP, TAX_MAP,
            CATEGORY_MAP, METAFIELD_MAP, ODOO_OWNS, INBOX_BATCH_SIZE, PUSH_ENABLED, PUSH_INTERVAL_MS, PUSH_TICK_MS, PUSH_LOCATION,
            IMPORT_PAGE_SIZE, RECONCILE_ENABLED, RECONCILE_PERIOD_MS, RECONCILE_TICK_MS, RECONCILE_START_DELAY_MS);

    /**
     * The shop and how its Admin API is reached.
     *
     * @param shop          the shop's domain, e.g. {@code example.myshopify.com}
     * @param adminUrl      the Admin API's base URL; empty means {@code https://<shop>}
     * @param apiVersion    GraphQL Admin API version, e.g. 2026-10
     * @param accessToken   the Admin API access token (secret)
     * @param clientSecrets the app's client secret(s), comma-separated while rotating (secret)
     */
    public record Api(String shop, String adminUrl, String apiVersion, String accessToken, String clientSecrets) {
        @Override
        public String toString() {
            return "Api[shop=" + shop + ", apiVersion=" + apiVersion + ", accessToken=" + (accessToken.isEmpty() ? "(none)" : "(set)")
                    + ", clientSecret=" + (clientSecrets.isEmpty() ? "(none)" : "(set)") + "]";
        }
    }

    /**
     * The drain's batches, the import's pages, the daily reconciliation.
     *
     * @param inboxBatchSize   events the drain applies per batch
     * @param importPageSize   records per GraphQL page of the import and the reconciliation
     * @param reconcileEnabled run the daily reconciliation
     * @param reconcilePeriod  how often it runs (a day)
     * @param reconcileStartDelay the wait after the runtime's start before it runs one (an hour)
     */
    public record Sync(int inboxBatchSize, int importPageSize, boolean reconcileEnabled, Duration reconcilePeriod, Duration reconcileStartDelay) {
    }

    public static ShopifySettings from(PropertiesComponent p, CredentialStore credentials) {
        read(p, RECONCILE_TICK_MS); // read by routes/shopify-reconcile.camel.yaml: checked here, with the others
        String token = read(p, ACCESS_TOKEN);
        if (token.isEmpty()) {
            token = credentials.get(TOKEN_CREDENTIAL).orElse("");
        }
        String secrets = read(p, CLIENT_SECRET);
        if (secrets.isEmpty()) {
            secrets = credentials.get(SECRET_CREDENTIAL).orElse("");
        }
        return new ShopifySettings(
                new Api(read(p, SHOP), read(p, ADMIN_URL), read(p, API_VERSION), token, secrets),
                new ShopifyRules(new Orders(read(p, ORDER_PREFIX), read(p, CONFIRM_POLICY), read(p, WAREHOUSE)),
                        new Mappings(read(p, LOCATION_MAP), read(p, CARRIER_MAP), read(p, PAYMENT_MAP), read(p, TAX_MAP), read(p, CATEGORY_MAP),
                                read(p, METAFIELD_MAP)),
                        read(p, ODOO_OWNS),
                        new Push(read(p, PUSH_ENABLED), read(p, PUSH_INTERVAL_MS), read(p, PUSH_LOCATION))),
                new Sync(read(p, INBOX_BATCH_SIZE), read(p, IMPORT_PAGE_SIZE), read(p, RECONCILE_ENABLED),
                        Duration.ofMillis(read(p, RECONCILE_PERIOD_MS)), Duration.ofMillis(read(p, RECONCILE_START_DELAY_MS))),
                read(p, WEBHOOK_MAX_BODY_BYTES));
    }

    private static Setting<Map<String, String>> mapping(String key, String env, String description) {
        return Setting.text(key, env, "", description).map(ShopifySettings::mapping).type(MAPPING);
    }

    /** {@code a=b;c=d} (semicolons, since names may hold commas) -> ordered map. */
    static Map<String, String> mapping(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : raw.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("must be shopify=odoo entries separated by ';' ('" + entry.trim() + "' is not one)");
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }

    private static Set<String> owns(String raw) {
        Set<String> owns = new LinkedHashSet<>();
        for (String s : raw.split(",")) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (!v.isEmpty()) {
                if (!v.equals("description") && !v.equals("price") && !v.equals("stock")) {
                    throw new IllegalArgumentException("takes description, price and stock, not '" + v + "'");
                }
                owns.add(v);
            }
        }
        return owns;
    }

    /** GraphQL endpoint of the Admin API. */
    public String graphqlUrl() {
        String base = api.adminUrl().isBlank() ? "https://" + api.shop() : api.adminUrl().replaceAll("/+$", "");
        return base + "/admin/api/" + api.apiVersion() + "/graphql.json";
    }

    @Override
    public String toString() {
        return "ShopifySettings[" + api + ", orderPrefix=" + rules.orders().orderPrefix() + ", confirmPolicy=" + rules.orders().confirmPolicy()
                + ", odooOwns=" + rules.odooOwns() + ", push=" + rules.push().enabled() + "]";
    }
}
