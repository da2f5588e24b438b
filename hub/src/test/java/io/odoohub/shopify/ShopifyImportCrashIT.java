package io.odoohub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.api.ApiClient;
import io.odoohub.api.Role;
import io.odoohub.testsupport.HubProcess;
import io.odoohub.testsupport.Ports;
import io.odoohub.testsupport.TestOdoo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial import killed with SIGKILL half-way (the runtime as its own process, as in production) and started
 * again on the same data directory: the second run resumes from the saved cursor instead of starting over, and every
 * customer, product and order is in Odoo exactly once.
 */
@Tag(TestOdoo.TAG)
class ShopifyImportCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyImportCrashIT.class);
    private static final String TOKEN = "fake-shopify-token-import_crash";
    private static final String ADMIN = "shopify-import-crash-it-admin-token-0123";
    private static final String RANGE = "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}";

    @TempDir
    Path dir;

    @Test
    void killedDuringTheImportItResumesFromTheSavedCursorAndDuplicatesNothing() throws Exception {
        try (TestOdoo odoo = TestOdoo.start(); FakeShopifyAdmin fake = new FakeShopifyAdmin(TOKEN, 2000, 1000)) {
            new OdooShop(odoo.client()).currency("USD");
            for (int i = 1; i <= 30; i++) {
                fake.customerNodes.add(ShopifyImportIT.customer(100 + i));
            }
            fake.productNodes.add(ShopifyImportIT.product(500, "TEE", List.of("Small", "Large"), List.of("Red", "Blue")));
            for (int i = 1; i <= 20; i++) {
                fake.orderNodes.add(ShopifyImportIT.order(9200 + i, "2026-11-" + String.format("%02d", i) + "T10:00:00Z", 100 + i));
            }
            fake.pageDelayMs = 250; // 21 pages of 3: about 5 s of import, time to kill it half-way
            Map<String, String> env = new HashMap<>(odoo.hubEnvironment());
            env.put("HUB_DATA_DIR", dir.resolve("data").toString());
            env.put("HUB_CONSOLE_ENABLED", "false");
            env.put("HUB_CONSOLE_PORT", String.valueOf(Ports.free()));
            env.put("HUB_ADMIN_TOKEN", ADMIN);
            env.put("SHOPIFY_SHOP", "example.myshopify.com");
            env.put("SHOPIFY_ADMIN_URL", fake.baseUrl());
            env.put("SHOPIFY_ACCESS_TOKEN", TOKEN);
            env.put("SHOPIFY_IMPORT_PAGE_SIZE", "3");
            try (HubProcess hub = new HubProcess(dir, Ports.free(), env)) {
                hub.start();
                ApiClient api = new ApiClient(hub.httpPort());
                String operator = api.issue(ADMIN, "import-crash-operator", Role.OPERATOR);
                HttpResponse<String> started = api.send("POST", "/api/v1/shopify/import", operator, RANGE);
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                // half-way through the customers' ten pages
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fake.pagesAsked.size() >= 5);
                hub.kill();
                List<String> beforeKill = new ArrayList<>(fake.pagesAsked);
                LOG.info("SIGKILL after the pages {}", beforeKill);
                assertThat(beforeKill).as("killed before the import finished").doesNotContain("orders:null");

                hub.start();
                fake.pageDelayMs = 0;
                String again = api.issue(ADMIN, "import-crash-operator-2", Role.OPERATOR);
                HttpResponse<String> resumed = api.send("POST", "/api/v1/shopify/import", again, RANGE);
                assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> api.send("GET", "/api/v1/shopify/import", again, null).body().contains("\"finished\""));
                List<String> afterRestart = new ArrayList<>(fake.pagesAsked.subList(beforeKill.size(), fake.pagesAsked.size()));
                LOG.info("after the restart: {}", afterRestart);
                // resumed: the first page was not asked again, and of the pages asked before the kill only the one in
                // flight (its cursor not saved yet) can be asked again
                assertThat(afterRestart).doesNotContain("customers:null").contains("orders:null");
                List<String> askedTwice = afterRestart.stream().filter(beforeKill::contains).toList();
                assertThat(askedTwice).as("pages asked again after the restart").hasSizeLessThanOrEqualTo(1);

                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> refs(odoo).size() == 20);
                List<String> refs = refs(odoo);
                assertThat(new HashSet<>(refs)).as("no order twice").hasSize(20);
                List<Map<String, Object>> partners = odoo.searchRead("res.partner",
                        List.of(List.of("email", "like", "import.customer"), List.of("parent_id", "=", false)), List.of("email"));
                assertThat(partners.stream().map(p -> p.get("email")).distinct().count()).as("every customer").isEqualTo(30);
                assertThat(partners).as("no customer twice").hasSize(30);
                assertThat(odoo.searchRead("product.product", List.of(List.of("default_code", "like", "TEE-")), List.of("id"))).hasSize(4);
            }
        }
    }

    private static List<String> refs(TestOdoo odoo) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "like", "#92")),
                List.of("client_order_ref"))) {
            out.add((String) r.get("client_order_ref"));
        }
        return out;
    }
}
