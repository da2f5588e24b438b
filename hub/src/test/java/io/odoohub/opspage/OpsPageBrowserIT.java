package io.odoohub.opspage;

import io.odoohub.shopify.model.ShopifyTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.catalog.flow.CatalogProductFlow;
import io.odoohub.api.ApiTokens;
import io.odoohub.api.ManagementApi;
import io.odoohub.api.Role;
import io.odoohub.history.SyncLog;
import io.odoohub.inbox.FlowControl;
import io.odoohub.security.CredentialStore;
import io.odoohub.shopify.FakeShopifyAdmin;
import io.odoohub.shopify.Fixtures;
import io.odoohub.shopify.OdooShop;
import io.odoohub.shopify.ShopifySender;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.testsupport.Browser;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.Ports;
import io.odoohub.testsupport.TestOdoo;
import io.odoohub.testsupport.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The operator's page as a person uses it: Debian's headless Chromium against the real runtime (HubRuntime, the console's
 * Jetty, the page at /hawtio/ops/) and an Odoo from {@link TestOdoo} (the sandbox, or the real Odoo 18 in the second
 * pass). Each role logs in; a flow's figures move as events arrive; a dead letter is replayed once its cause is fixed in
 * Odoo and is seen written; an order's history is found by its Shopify id; a viewer is refused an admin action; requests
 * without a login or with a forged CSRF token are refused; a payload's {@code <script>} is shown as text. Screenshots
 * of every view go to the build folder (ops-*.png).
 */
@Tag(TestOdoo.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsPageBrowserIT {

    private static final String ADMIN = "page-admin";
    private static final String OPERATOR = "page-operator";
    private static final String VIEWER = "page-viewer";
    private static final String PASSWORD = "page-it-passphrase-42";
    private static final String CATALOG_SECRET = "ops-page-catalog-secret";
    private static final String SHOPIFY_SECRET = "ops-page-shopify-secret";
    private static final String SHOPIFY_TOKEN = "shpat_ops_page_admin_token";

    @TempDir
    Path dir;
    @TempDir
    Path profile;

    private TestOdoo odoo;
    private FakeShopifyAdmin shopAdmin;
    private HubRuntime hub;
    private String page;
    private String console;
    private Webhooks webhooks;
    private Browser chromium;
    private WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        odoo = TestOdoo.start();
        Map<String, String> settings = odoo.hubSettings();
        int consolePort = Ports.free();
        settings.put("hub.console.enabled", "true");
        settings.put("hub.console.port", String.valueOf(consolePort));
        settings.put("hub.console.user", ADMIN);
        settings.put("hub.console.password", PASSWORD);
        settings.put("hub.catalog.webhook-secret", CATALOG_SECRET);
        settings.put("hub.shopify.client-secret", SHOPIFY_SECRET);
        // a shop's Admin API for the connection test (the push and the reconciliation stay off)
        shopAdmin = new FakeShopifyAdmin(SHOPIFY_TOKEN, 1000, 50);
        settings.put("hub.shopify.shop", "hub-test.myshopify.com");
        settings.put("hub.shopify.admin-url", shopAdmin.baseUrl());
        settings.put("hub.shopify.access-token", SHOPIFY_TOKEN);
        hub = HubRuntime.start(Files.createTempDirectory("ops-page-it"), settings);
        // the accounts are made as an admin makes them: through the management API
        ApiTokens tokens = hub.bean(ManagementApi.TOKENS_BEAN, ApiTokens.class);
        String adminToken = tokens.issue("ops-page-it", Role.ADMIN).token();
        for (String[] account : new String[][] {{OPERATOR, "operator"}, {VIEWER, "viewer"}}) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/v1/console-users"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + account[0] + "\", \"password\": \"" + PASSWORD
                            + "\", \"role\": \"" + account[1] + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        console = "http://127.0.0.1:" + consolePort + "/hawtio";
        page = console + "/ops";
        webhooks = new Webhooks(hub.httpPort(), CATALOG_SECRET);
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (odoo != null) {
            odoo.close();
        }
        if (shopAdmin != null) {
            shopAdmin.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        // a test that failed half-way must not leave the next one a paused flow
        FlowControl flows = hub.bean("flowControl", FlowControl.class);
        if (flows.isPaused(CatalogProductFlow.FLOW)) {
            flows.resume(CatalogProductFlow.FLOW, "test");
        }
        Path fresh = Files.createTempDirectory(profile, "chromium");
        chromium = Browser.open(fresh, dir.resolve("chromedriver.log"), 1280, 800);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void eachRoleLogsInAndIsOfferedWhatItsRoleAllows() throws Exception {
        logIn(VIEWER);
        assertThat(chromium.text()).contains(VIEWER + " (viewer)").contains(CatalogProductFlow.FLOW).contains(ShopifyTopic.FLOW);
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='Pause']"))).isEmpty();
        logOut();

        logIn(OPERATOR);
        assertThat(chromium.text()).contains(OPERATOR + " (operator)");
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='Pause']"))).isNotEmpty();
        browser.get(page + "/connections");
        assertThat(browser.findElements(By.cssSelector("input[type=password]"))).as("credential forms are for admins").isEmpty();
        logOut();

        logIn(ADMIN);
        assertThat(chromium.text()).contains(ADMIN + " (admin)");
        browser.get(page + "/connections");
        assertThat(browser.findElements(By.cssSelector("input[type=password]"))).isNotEmpty();
        // one login: the admin is logged in to Hawtio too (the flow's link opens Hawtio's routes, no second login),
        // and the page's logout ends Hawtio's session
        browser.get(page + "/flows");
        Browser.waitUp().until(() -> {
            flowRow(CatalogProductFlow.FLOW).findElement(By.partialLinkText("Hawtio: apply-catalog-products")).click();
            return true;
        });
        Browser.waitUp().until(() -> browser.getCurrentUrl().contains("/hawtio/camel/") && chromium.text().contains("Camel Contexts")
                && chromium.text().contains(ADMIN));
        assertThat(browser.getCurrentUrl()).doesNotContain("login");
        assertThat(fetchStatus("POST", console + "/jolokia/", "{\"type\":\"version\"}", null)).isEqualTo(200L);
        // and back: Hawtio's navigation has the page (the Hawtio plugin the hub registers), in the same session
        Browser.waitUp().until(() -> !browser.findElements(By.linkText("Operator's page")).isEmpty());
        chromium.screenshot("ops-hawtio-link.png");
        Browser.waitUp().until(() -> {
            browser.findElement(By.linkText("Operator's page")).click();
            return true;
        });
        Browser.waitUp().until(() -> browser.getCurrentUrl().endsWith("/ops/flows") && chromium.text().contains(ADMIN + " (admin)"));
        logOut();
        assertThat(fetchStatus("POST", console + "/jolokia/", "{\"type\":\"version\"}", null)).isEqualTo(403L);
        browser.get(page + "/flows");
        Browser.waitUp().until(() -> browser.getCurrentUrl().contains("/ops/login"));
    }

    @Test
    void aFlowsFiguresChangeAfterEventsArriveWithoutAReload() throws Exception {
        logIn(VIEWER);
        long received = figure(CatalogProductFlow.FLOW, ".hour .received");
        long written = figure(CatalogProductFlow.FLOW, ".hour .written");
        // the page stays as it is: htmx polls the table
        for (int i = 0; i < 3; i++) {
            // the top-level category a fresh database has: "All" up to Odoo 18, "Goods" in 19
            String category = odoo.rootCategory().name();
            assertThat(webhooks.send("ops-flow-" + i, Webhooks.product("OPS-FLOW-" + i, "Flow product " + i, "7", category)).statusCode())
                    .isEqualTo(200);
        }
        Browser.waitUp().until(() -> figure(CatalogProductFlow.FLOW, ".hour .received") >= received + 3
                && figure(CatalogProductFlow.FLOW, ".hour .written") >= written + 3);
        assertThat(browser.getCurrentUrl()).endsWith("/ops/flows");
        Browser.waitUp().until(() -> flowRow(CatalogProductFlow.FLOW).findElements(By.cssSelector("svg.chart rect.written")).stream()
                .anyMatch(r -> Integer.parseInt(r.getAttribute("height")) > 0));
        chromium.screenshot("ops-flows.png");
    }

    @Test
    void aDeadLetterIsReplayedAfterItsCauseIsFixedAndSeenWritten() throws Exception {
        String category = "Ops page category " + System.nanoTime();
        assertThat(webhooks.send("ops-dead-1", Webhooks.product("OPS-DEAD-1", "Dead product", "5", category)).statusCode()).isEqualTo(200);
        DeadLetter dead = awaitDeadLetter("OPS-DEAD-1");

        logIn(OPERATOR);
        browser.get(page + "/dead-letters?reason=" + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.findElements(By.cssSelector("tr[data-id='" + dead.id() + "']"))).hasSize(1);
        chromium.screenshot("ops-dead-letters.png");
        browser.findElement(By.linkText(String.valueOf(dead.id()))).click();
        Browser.waitUp().until(() -> chromium.text().contains("Dead letter " + dead.id()));
        assertThat(browser.findElement(By.cssSelector("pre.reason")).getText()).contains(category);
        assertThat(browser.findElement(By.cssSelector("pre.payload")).getText()).contains("\"supplier_reference\" : \"OPS-DEAD-1\"");

        // the cause is fixed in Odoo, as a user would, then the dead letter is replayed from the page
        odoo.client().create("product.category", List.of(Map.of("name", category)), null);
        browser.findElement(By.xpath("//button[normalize-space()='Replay']")).click();
        // htmx follows the event until it is written: no reload
        Browser.waitUp().until(() -> browser.findElement(By.cssSelector("#outcome .event-status")).getText().equals("done")
                && browser.findElement(By.cssSelector("#outcome .history-status")).getText().equals("success"));
        chromium.screenshot("ops-dead-letter-replayed.png");
        assertThat(odoo.searchRead("product.template", List.of(List.of("default_code", "=", "OPS-DEAD-1")), List.of("id"))).hasSize(1);
        assertThat(hub.bean("deadLetterStore", DeadLetterStore.class).find(dead.id()).orElseThrow().status()).isEqualTo("replayed");
    }

    @Test
    void anOrdersHistoryIsFoundByItsShopifyId() throws Exception {
        new OdooShop(odoo.client()).currency("USD").saleTax("US State Tax 8%", 8.0);
        ShopifySender shopify = new ShopifySender(hub.httpPort(), SHOPIFY_SECRET);
        assertThat(shopify.send("orders/create", Fixtures.text("order.json")).statusCode()).isEqualTo(200);
        String key = "order:820982911946154508";
        SyncLog history = hub.bean("syncLog", SyncLog.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !history.list(new SyncLog.Query(ShopifyTopic.FLOW, null, key, null, 0, 5)).isEmpty());

        logIn(VIEWER);
        browser.get(page + "/history");
        browser.findElement(By.name("key")).sendKeys("820982911946154508");
        browser.findElement(By.xpath("//button[normalize-space()='Search']")).click();
        Browser.waitUp().until(() -> browser.findElements(By.cssSelector("table.history a.key")).stream().anyMatch(a -> a.getText().equals(key)));
        assertThat(chromium.text()).contains("sale.order #").contains("success");
        chromium.screenshot("ops-history.png");
        browser.findElement(By.linkText(key)).click();
        Browser.waitUp().until(() -> chromium.text().contains("History of " + key));
        assertThat(browser.findElements(By.cssSelector("ol.timeline li"))).isNotEmpty();
        chromium.screenshot("ops-history-record.png");
    }

    @Test
    void theCatalogLogShowsAnExportsErrorDetailsAndRetriesItsBatchsFailures() throws Exception {
        String category = "Ops retry category " + System.nanoTime();
        assertThat(webhooks.send("ops-retry-1", Webhooks.product("OPS-RETRY-1", "Retry product", "4", category)).statusCode()).isEqualTo(200);
        awaitDeadLetter("OPS-RETRY-1");

        logIn(OPERATOR);
        browser.get(page + "/history/catalog?status=error");
        By row = By.xpath("//tr[td[contains(., '" + category + "')]]");
        Browser.waitUp().until(() -> !browser.findElements(row).isEmpty());
        assertThat(browser.findElement(row).findElement(By.cssSelector("dl.details")).getText()).contains("odoo_error_code");
        browser.findElement(row).findElement(By.xpath(".//td[7]/a")).click();
        Browser.waitUp().until(() -> !browser.findElements(By.xpath("//button[starts-with(normalize-space(), 'Retry the failures of batch')]")).isEmpty());
        chromium.screenshot("ops-history-catalog.png");

        odoo.client().create("product.category", List.of(Map.of("name", category)), null);
        browser.findElement(By.xpath("//button[starts-with(normalize-space(), 'Retry the failures of batch')]")).click();
        Browser.waitUp().until(() -> chromium.text().contains("1 failed export(s) of batch"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !odoo.searchRead("product.template",
                List.of(List.of("default_code", "=", "OPS-RETRY-1")), List.of("id")).isEmpty());
    }

    @Test
    void aViewerIsRefusedAnAdminActionAndAnOperatorACredentialChange() throws Exception {
        logIn(VIEWER);
        browser.get(page + "/catalog");
        assertThat(browser.findElements(By.id("schedule-form"))).as("no admin forms for a viewer").isEmpty();
        // the viewer's own session and CSRF token: the refusal comes from the role, not from the token
        String token = browser.findElement(By.cssSelector("meta[name=csrf-token]")).getAttribute("content");
        Map<?, ?> refused = fetch("POST", page + "/catalog/schedules", "name=sneaky&cron_expression=0+6+*+*+*", token);
        assertThat(refused.get("status")).isEqualTo(403L);
        assertThat((String) refused.get("body")).contains("needs the admin role");
        Map<?, ?> pause = fetch("POST", page + "/flows/" + CatalogProductFlow.FLOW + "/pause", "reason=x", token);
        assertThat(pause.get("status")).isEqualTo(403L);
        assertThat(hub.bean("flowControl", FlowControl.class).isPaused(CatalogProductFlow.FLOW)).isFalse();
        int shopCalls = shopAdmin.calls.get();
        assertThat(fetch("POST", page + "/connections/test", "connector=shopify", token).get("status")).isEqualTo(403L);
        assertThat(shopAdmin.calls.get()).as("a viewer's connection test asks nothing of Shopify").isEqualTo(shopCalls);
        logOut();

        logIn(OPERATOR);
        browser.get(page + "/connections");
        token = browser.findElement(By.cssSelector("meta[name=csrf-token]")).getAttribute("content");
        assertThat(fetch("POST", page + "/connections/credentials", "name=shopify.access-token&value=stolen", token).get("status")).isEqualTo(403L);
        assertThat(hub.bean("credentialStore", CredentialStore.class).info("shopify.access-token")).isEmpty();
    }

    @Test
    void withoutLoginOrWithAForgedCsrfTokenNothingHappens() throws Exception {
        browser.get(page + "/dead-letters");
        Browser.waitUp().until(() -> browser.getCurrentUrl().contains("/ops/login") && !browser.findElements(By.name("password")).isEmpty());
        chromium.screenshot("ops-login.png");
        assertThat(chromium.text()).doesNotContain(CatalogProductFlow.FLOW);
        assertThat(fetchStatus("GET", page + "/flows/table", null, null)).isIn(200L, 303L); // fetch follows to the login page
        Map<?, ?> anonymous = fetch("GET", page + "/flows/table", null, null);
        assertThat((String) anonymous.get("body")).doesNotContain(CatalogProductFlow.FLOW);
        assertThat((String) anonymous.get("csp")).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(fetchStatus("POST", page + "/flows/" + CatalogProductFlow.FLOW + "/pause", "reason=x", null)).isEqualTo(403L);

        logIn(OPERATOR);
        assertThat(fetchStatus("POST", page + "/flows/" + CatalogProductFlow.FLOW + "/pause", "reason=forged", "forged-token")).isEqualTo(403L);
        assertThat(fetchStatus("POST", page + "/flows/" + CatalogProductFlow.FLOW + "/pause", "reason=none", null)).isEqualTo(403L);
        assertThat(hub.bean("flowControl", FlowControl.class).isPaused(CatalogProductFlow.FLOW)).isFalse();
        // the page's own form carries the token: pausing works, then resume
        FlowControl flows = hub.bean("flowControl", FlowControl.class);
        // the table is swapped every 5 s by htmx: each step finds its row again
        Browser.waitUp().until(() -> {
            WebElement reason = flowRow(CatalogProductFlow.FLOW).findElement(By.name("reason"));
            reason.clear();
            reason.sendKeys("checking the page");
            flowRow(CatalogProductFlow.FLOW).findElement(By.xpath(".//button[normalize-space()='Pause']")).click();
            return true;
        });
        Browser.waitUp().until(() -> flows.isPaused(CatalogProductFlow.FLOW) && chromium.text().contains("checking the page"));
        assertThat(flows.state(CatalogProductFlow.FLOW).changedBy()).isEqualTo("page:" + OPERATOR);
        Browser.waitUp().until(() -> {
            flowRow(CatalogProductFlow.FLOW).findElement(By.xpath(".//button[normalize-space()='Resume']")).click();
            return true;
        });
        Browser.waitUp().until(() -> !flows.isPaused(CatalogProductFlow.FLOW));
        assertThat(browser.manage().getCookieNamed("HUB_CONSOLE_SESSION").isHttpOnly()).isTrue();
    }

    @Test
    void aPayloadsScriptIsShownAsTextAndItsSecretsHidden() throws Exception {
        String json = "{\"supplier_reference\":\"OPS-XSS-1\",\"title\":\"<script>window.__pwned = 1</script><img src=x onerror=\\\"window.__pwned = 2\\\">\","
                + "\"ean\":\"2000000000017\",\"price\":\"3\",\"category\":\"No such category <b>bold</b>\",\"api_key\":\"hunter2-do-not-show\"}";
        assertThat(webhooks.send("ops-xss-1", json).statusCode()).isEqualTo(200);
        DeadLetter dead = awaitDeadLetter("OPS-XSS-1");

        logIn(VIEWER);
        browser.get(page + "/dead-letters/" + dead.id());
        Browser.waitUp().until(() -> chromium.text().contains("Dead letter " + dead.id()));
        assertThat(browser.findElement(By.cssSelector("pre.payload")).getText()).contains("<script>window.__pwned = 1</script>")
                .contains(Payloads.HIDDEN).doesNotContain("hunter2");
        assertThat(browser.getPageSource()).doesNotContain("hunter2").contains("&lt;script&gt;");
        assertThat(browser.findElements(By.cssSelector("main script, main img, main b"))).isEmpty();
        assertThat(chromium.async("arguments[arguments.length - 1](String(window.__pwned));")).isEqualTo("undefined");
        chromium.screenshot("ops-dead-letter.png");
    }

    @Test
    void theCatalogShowsTheApisRefusalNextToItsFieldAndSavesAValidSchedule() throws Exception {
        logIn(ADMIN);
        browser.get(page + "/catalog");
        WebElement form = browser.findElement(By.id("schedule-form"));
        form.findElement(By.name("name")).sendKeys("Nightly export");
        form.findElement(By.name("cron_expression")).sendKeys("0 25 * * *");
        form.findElement(By.xpath(".//button[normalize-space()='Create schedule']")).click();
        Browser.waitUp().until(() -> !browser.findElements(By.cssSelector("#schedule-form .error[data-field=cron_expression]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#schedule-form .error[data-field=cron_expression]")).getText()).isNotBlank();
        assertThat(browser.findElement(By.cssSelector("#schedule-form input[name=name]")).getAttribute("value")).isEqualTo("Nightly export");

        WebElement again = browser.findElement(By.id("schedule-form"));
        again.findElement(By.name("cron_expression")).clear();
        again.findElement(By.name("cron_expression")).sendKeys("0 6 * * *");
        again.findElement(By.xpath(".//button[normalize-space()='Create schedule']")).click();
        Browser.waitUp().until(() -> !browser.findElements(By.cssSelector("tr[data-schedule='Nightly export']")).isEmpty());

        WebElement field = browser.findElement(By.id("field-mapping-form"));
        field.findElement(By.name("local_field")).sendKeys("weight");
        field.findElement(By.name("odoo_field")).sendKeys("no_such_field_here");
        field.findElement(By.xpath(".//button[normalize-space()='Save field mapping']")).click();
        Browser.waitUp().until(() -> browser.findElement(By.cssSelector("#field-mapping-form .error[data-field=odoo_field]")).getText()
                .contains("no_such_field_here"));
        chromium.screenshot("ops-catalog.png");

        browser.findElement(By.xpath("//tr[@data-schedule='Nightly export']//button[normalize-space()='Run now']")).click();
        Browser.waitUp().until(() -> chromium.text().contains("Schedule run now: batch"));

        // an existing schedule is edited in the same form: a refusal keeps it editing that schedule, then it is saved
        browser.findElement(By.xpath("//tr[@data-schedule='Nightly export']//a[normalize-space()='Edit']")).click();
        Browser.waitUp().until(() -> browser.findElement(By.cssSelector("#schedule-form button[type=submit]")).getText().equals("Save schedule"));
        WebElement edit = browser.findElement(By.id("schedule-form"));
        assertThat(edit.findElement(By.name("cron_expression")).getAttribute("value")).isEqualTo("0 6 * * *");
        edit.findElement(By.name("cron_expression")).clear();
        edit.findElement(By.name("cron_expression")).sendKeys("61 5 * * *");
        edit.findElement(By.xpath(".//button[normalize-space()='Save schedule']")).click();
        Browser.waitUp().until(() -> !browser.findElements(By.cssSelector("#schedule-form .error[data-field=cron_expression]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#schedule-form button[type=submit]")).getText()).isEqualTo("Save schedule");
        edit = browser.findElement(By.id("schedule-form"));
        edit.findElement(By.name("cron_expression")).clear();
        edit.findElement(By.name("cron_expression")).sendKeys("30 5 * * *");
        edit.findElement(By.name("is_enabled")).click();
        edit.findElement(By.xpath(".//button[normalize-space()='Save schedule']")).click();
        Browser.waitUp().until(() -> chromium.text().contains("Schedule 'Nightly export' saved."));
        WebElement row = browser.findElement(By.cssSelector("tr[data-schedule='Nightly export']"));
        assertThat(row.getText()).contains("30 5 * * *").contains("off");
        assertThat(browser.findElements(By.cssSelector("tr[data-schedule='Nightly export']"))).as("edited, not copied").hasSize(1);
        assertThat(hub.bean(io.odoohub.catalog.CatalogConnector.SCHEDULE_EDITOR_BEAN, io.odoohub.catalog.api.ScheduleEditor.class).list()).filteredOn(x -> x.name().equals("Nightly export"))
                .singleElement().satisfies(x -> {
                    assertThat(x.cronExpression()).isEqualTo("30 5 * * *");
                    assertThat(x.enabled()).isFalse();
                });
    }

    @Test
    void connectionsTestOdooAndTakeACredentialWithoutEverShowingIt() throws Exception {
        logIn(ADMIN);
        browser.get(page + "/connections");
        browser.findElement(By.xpath("//button[normalize-space()='Test connection']")).click();
        Browser.waitUp().until(() -> !browser.findElements(By.cssSelector(".test-result")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".test-result")).getText()).contains("Connected");
        assertThat(browser.findElement(By.cssSelector(".test-result .odoo-version")).getText()).startsWith("1");

        // a connector's test asks its remote system, each time afresh
        shopAdmin.shopName = "Linen <b>& Co</b>";
        int calls = shopAdmin.calls.get();
        browser.findElement(By.cssSelector("button[aria-label='Test the connection to shopify']")).click();
        Browser.waitUp().until(() -> !browser.findElements(By.cssSelector(".test-result[data-connector=shopify]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".test-result[data-connector=shopify]")).getText())
                .contains("Connected").contains("shop Linen <b>& Co</b> (hub-test.myshopify.com)").contains("EUR");
        assertThat(shopAdmin.calls.get()).isEqualTo(calls + 1);
        chromium.screenshot("ops-connections.png");
        shopAdmin.shopName = "Renamed shop";
        browser.findElement(By.cssSelector("button[aria-label='Test the connection to shopify']")).click();
        Browser.waitUp().until(() -> browser.findElement(By.cssSelector(".test-result[data-connector=shopify]")).getText().contains("Renamed shop"));

        WebElement secret = browser.findElement(By.cssSelector("input[aria-label='new value of shopify.access-token']"));
        secret.sendKeys("shpat_page_secret_value_0123456789");
        secret.findElement(By.xpath("./following-sibling::button")).click();
        Browser.waitUp().until(() -> chromium.text().contains("Credential shopify.access-token saved"));
        assertThat(hub.bean("credentialStore", CredentialStore.class).get("shopify.access-token")).contains("shpat_page_secret_value_0123456789");
        assertThat(browser.getPageSource()).doesNotContain("shpat_page_secret").doesNotContain("456789");
        browser.navigate().refresh();
        Browser.waitUp().until(() -> chromium.text().contains("Connections"));
        assertThat(browser.getPageSource()).doesNotContain("shpat_page_secret");
        chromium.screenshot("ops-connections-credential.png");
    }

    private void logIn(String user) {
        browser.get(page + "/login");
        Browser.waitUp().until(() -> !browser.findElements(By.name("password")).isEmpty());
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        Browser.waitUp().until(() -> browser.getCurrentUrl().endsWith("/ops/flows") && chromium.text().contains(user));
    }

    private void logOut() {
        browser.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
        Browser.waitUp().until(() -> browser.getCurrentUrl().contains("/ops/login"));
    }

    private WebElement flowRow(String flow) {
        return browser.findElement(By.cssSelector("tr[data-flow='" + flow + "']"));
    }

    /** A figure of a flow's row, read again if htmx swapped the table meanwhile. */
    private long figure(String flow, String css) {
        return Browser.waitUp().until(() -> Long.parseLong(flowRow(flow).findElement(By.cssSelector(css)).getText().trim()), n -> n >= 0);
    }

    private DeadLetter awaitDeadLetter(String key) {
        DeadLetterStore store = hub.bean("deadLetterStore", DeadLetterStore.class);
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> store.list(new DeadLetterStore.Query(null, "dead", key, null, 0, 1)).stream().findFirst().orElse(null),
                d -> d != null);
    }

    /** What the page's origin answers a fetch from the browser, with its cookies: {status, body}. */
    private Map<?, ?> fetch(String method, String url, String form, String csrf) {
        return (Map<?, ?>) chromium.async(
                "const done = arguments[arguments.length - 1];"
                        + "const headers = {'Content-Type': 'application/x-www-form-urlencoded'};"
                        + "if (arguments[3]) { headers['X-CSRF-Token'] = arguments[3]; }"
                        + "fetch(arguments[1], {method: arguments[0], headers: headers, body: arguments[2], redirect: 'follow'})"
                        + ".then(r => r.text().then(t => done({status: r.status, body: t, csp: r.headers.get('Content-Security-Policy')})))"
                        + ".catch(e => done({status: -1, body: String(e)}));",
                method, url, form, csrf);
    }

    private Object fetchStatus(String method, String url, String form, String csrf) {
        return fetch(method, url, form, csrf).get("status");
    }
}
