package io.odoohub.shopify;

import io.odoohub.support.SettingsReader;
import io.odoohub.security.CredentialStore;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The Shopify connector's settings ({@code shopify.*} in application.properties). Secrets (access token, client
 * secret) come from {@code SHOPIFY_ACCESS_TOKEN} / {@code SHOPIFY_CLIENT_SECRET} when set, else from the
 * credential store ({@code shopify.access-token}, {@code shopify.client-secret}); they are never logged.
 *
 * @param shop              the shop's domain, e.g. {@code example.myshopify.com}
 * @param adminUrl          the Admin API's base URL; empty means {@code https://<shop>}
 * @param apiVersion        GraphQL Admin API version, e.g. 2026-10
 * @param accessToken       the Admin API access token (secret)
 * @param clientSecrets     the app's client secret(s), comma-separated while rotating (secret)
 * @param maxBodyBytes      webhook bodies above this are refused with 413
 * @param orderPrefix       prefix of the sale.order name, e.g. "SHOP" gives SHOP#1001
 * @param confirmPolicy     which orders are confirmed: paid, always or never
 * @param warehouse         stock.warehouse code (or name) orders are sold from; empty = Odoo's default
 * @param locations         Shopify location id -> Odoo stock.location full name
 * @param carriers          Shopify shipping line title (or code) -> delivery.carrier name
 * @param payments          Shopify payment gateway -> payment.method name
 * @param taxes             Shopify tax line title -> account.tax name
 * @param categories        Shopify product type -> product.category full name
 * @param metafields        namespace.key -> x_ field of product.template
 * @param odooOwns          fields Odoo owns (description, price, stock): Shopify updates do not overwrite them
 * @param pushEnabled       run the scheduled push of prices, descriptions and stock
 * @param pushIntervalMs    how often the push runs
 * @param pushLocation      the Shopify location id (numeric) whose stock the push sets
 */
public record ShopifySettings(String shop, String adminUrl, String apiVersion, String accessToken, String clientSecrets,
                              int maxBodyBytes, String orderPrefix, String confirmPolicy, String warehouse,
                              Map<String, String> locations, Map<String, String> carriers, Map<String, String> payments,
                              Map<String, String> taxes, Map<String, String> categories, Map<String, String> metafields,
                              Set<String> odooOwns, boolean pushEnabled, long pushIntervalMs, String pushLocation) {

    public static final String TOKEN_CREDENTIAL = "shopify.access-token";
    public static final String SECRET_CREDENTIAL = "shopify.client-secret";

    public static ShopifySettings from(PropertiesComponent p, CredentialStore credentials, int defaultMaxBody) {
        String token = SettingsReader.get(p, "shopify.access-token", "");
        if (token.isEmpty()) {
            token = credentials.get(TOKEN_CREDENTIAL).orElse("");
        }
        String secrets = SettingsReader.get(p, "shopify.client-secret", "");
        if (secrets.isEmpty()) {
            secrets = credentials.get(SECRET_CREDENTIAL).orElse("");
        }
        String policy = SettingsReader.get(p, "shopify.confirm-policy", "paid").toLowerCase(Locale.ROOT);
        if (!policy.equals("paid") && !policy.equals("always") && !policy.equals("never")) {
            throw new IllegalArgumentException("setting shopify.confirm-policy must be paid, always or never, was '" + policy + "'");
        }
        Set<String> owns = new LinkedHashSet<>();
        for (String s : SettingsReader.get(p, "shopify.odoo-owns", "description,price,stock").split(",")) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (!v.isEmpty()) {
                if (!v.equals("description") && !v.equals("price") && !v.equals("stock")) {
                    throw new IllegalArgumentException("setting shopify.odoo-owns takes description, price and stock, not '" + v + "'");
                }
                owns.add(v);
            }
        }
        return new ShopifySettings(
                SettingsReader.get(p, "shopify.shop", ""),
                SettingsReader.get(p, "shopify.admin-url", ""),
                SettingsReader.get(p, "shopify.api-version", "2026-10"),
                token, secrets,
                SettingsReader.positive(p, "shopify.webhook.max-body-bytes", defaultMaxBody),
                SettingsReader.get(p, "shopify.order-prefix", "SHOP"),
                policy,
                SettingsReader.get(p, "shopify.warehouse", ""),
                mapping(p, "shopify.location-map"), mapping(p, "shopify.carrier-map"), mapping(p, "shopify.payment-map"),
                mapping(p, "shopify.tax-map"), mapping(p, "shopify.category-map"), mapping(p, "shopify.metafield-map"),
                owns,
                SettingsReader.bool(p, "shopify.push.enabled", false),
                SettingsReader.positive(p, "shopify.push.interval-ms", 60_000),
                SettingsReader.get(p, "shopify.push.location", ""));
    }

    /** {@code a=b;c=d} (semicolons, since names may hold commas) -> ordered map; a bad entry names the setting. */
    static Map<String, String> mapping(PropertiesComponent p, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = SettingsReader.get(p, key, "");
        for (String entry : raw.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("setting " + key + ": entry '" + entry.trim() + "' is not source=odoo");
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }

    public boolean odooOwns(String what) {
        return odooOwns.contains(what);
    }

    /** GraphQL endpoint of the Admin API. */
    public String graphqlUrl() {
        String base = adminUrl.isBlank() ? "https://" + shop : adminUrl.replaceAll("/+$", "");
        return base + "/admin/api/" + apiVersion + "/graphql.json";
    }

    @Override
    public String toString() {
        return "ShopifySettings[shop=" + shop + ", apiVersion=" + apiVersion + ", accessToken=" + (accessToken.isEmpty() ? "(none)" : "(set)")
                + ", clientSecret=" + (clientSecrets.isEmpty() ? "(none)" : "(set)") + ", orderPrefix=" + orderPrefix
                + ", confirmPolicy=" + confirmPolicy + ", odooOwns=" + odooOwns + ", push=" + pushEnabled + "]";
    }
}
