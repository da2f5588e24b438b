package io.odoohub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.testsupport.Browser;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.api.management.ManagedCamelContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's view of the console: Debian's headless Chromium (installed by .ci/run) through its chromedriver
 * logs in and sees the hub's Camel routes; without login it gets the login page and Jolokia answers 403.
 * Screenshots go to the build folder (console-*.png).
 */
class ConsoleBrowserIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBrowserIT.class);
    private static final String USER = "browser-admin";
    private static final String PASSWORD = "browser-it-passphrase-7";

    @TempDir
    static Path dir;

    private static HubRuntime hub;
    private static String base;

    @TempDir
    Path profile;

    private Browser chromium;
    private WebDriver browser;

    @BeforeAll
    static void startHub() throws Exception {
        assertThat(Browser.CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does it)").isExecutable();
        assertThat(Browser.CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium chromium-driver)").isExecutable();
        int port = Ports.free();
        base = "http://127.0.0.1:" + port + "/hawtio";
        hub = HubRuntime.start(dir.resolve("data"), Map.of(
                "hub.console.port", String.valueOf(port),
                "hub.console.user", USER,
                "hub.console.password", PASSWORD,
                // the sample product file goes through product-files at start, so its counters are not all zero
                "hub.sandbox.demo-file", "samples/products.csv"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> exchanges("product-files") > 0);
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        chromium = Browser.open(profile, dir.resolve("chromedriver.log"), 1400, 900);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void withoutLoginTheConsoleShowsTheLoginPageAndJolokiaRefuses() throws Exception {
        browser.get(base + "/camel/routes");

        waitUp().until(() -> browser.getCurrentUrl().contains("/hawtio/login") && !browser.findElements(
                By.cssSelector("input[type=password]")).isEmpty());
        screenshot("console-login-page.png");
        assertThat(jolokiaStatusFromThePage()).isEqualTo(403L);
        assertThat(browser.getPageSource()).doesNotContain("product-files");
    }

    @Test
    void wrongPasswordStaysOnTheLoginPage() throws Exception {
        browser.get(base + "/");
        logIn("nobody-here", "not-the-passphrase-1");

        waitUp().until(() -> text().contains("Invalid login credentials"));
        screenshot("console-login-refused.png");

        assertThat(browser.getCurrentUrl()).contains("/hawtio/login");
        assertThat(browser.getPageSource()).doesNotContain("product-files");
    }

    @Test
    void loggedInUserSeesTheCamelRoutesTheirCountersAndDiagram() throws Exception {
        browser.get(base + "/");
        logIn(USER, PASSWORD);
        waitUp().until(() -> !browser.getCurrentUrl().contains("/login"));

        browser.get(base + "/camel/routes");
        waitUp().until(() -> text().contains("product-files") && text().contains("hub-dead-letter"));
        screenshot("console-camel-contexts.png");

        treeNode("routes").click();
        waitUp().until(() -> routesTable().containsKey("product-files") && routesTable().containsKey("hub-dead-letter"));
        screenshot("console-camel-routes.png");
        Map<String, Map<String, String>> routes = routesTable();
        LOG.info("Routes table: {}", routes);
        assertThat(routes.get("product-files")).containsEntry("State", "Started").containsKeys("Completed", "Failed");
        assertThat(Long.parseLong(routes.get("product-files").get("Total"))).isPositive();

        treeNode("product-files").click();
        waitUp().until(() -> text().contains("Route Diagram"));
        try {
            browser.findElement(By.xpath("//*[normalize-space(text())='Route Diagram']")).click();
            // the route's from and at least one step
            waitUp().until(() -> browser.findElements(By.cssSelector(".react-flow__node")).size() >= 2);
        } finally {
            screenshot("console-route-diagram.png");
        }

        assertThat(text()).contains("Camel");
        assertThat(browser.findElements(By.cssSelector(".react-flow__node"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("From file"));
    }

    @Test
    void loggingOutEndsTheSession() throws Exception {
        browser.get(base + "/");
        logIn(USER, PASSWORD);
        waitUp().until(() -> text().contains(USER) && text().contains("Camel"));
        assertThat(jolokiaStatusFromThePage()).isEqualTo(200L);

        browser.findElement(By.xpath("//*[normalize-space(text())='" + USER + "']")).click();
        waitUp().until(() -> !browser.findElements(By.xpath("//*[normalize-space(text())='Log out']")).isEmpty());
        browser.findElement(By.xpath("//*[normalize-space(text())='Log out']")).click();

        waitUp().until(() -> browser.getCurrentUrl().contains("/hawtio/login")
                && !browser.findElements(By.cssSelector("input[type=password]")).isEmpty());
        assertThat(jolokiaStatusFromThePage()).isEqualTo(403L);
    }

    /** What Jolokia answers a request from the page, with whatever session the browser holds. */
    private Object jolokiaStatusFromThePage() {
        return ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/hawtio/jolokia/', {method: 'POST', body: JSON.stringify({type: 'search', mbean: 'org.apache.camel:*'})})"
                        + ".then(r => done(r.status)).catch(e => done('error ' + e));");
    }

    private void logIn(String user, String password) {
        waitUp().until(() -> !browser.findElements(By.cssSelector("input[type=password]")).isEmpty());
        WebElement name = browser.findElement(By.cssSelector("input[name=username], input#pf-login-username-id, input[type=text]"));
        WebElement secret = browser.findElement(By.cssSelector("input[type=password]"));
        name.sendKeys(user);
        secret.sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private WebElement treeNode(String label) {
        return browser.findElement(By.xpath("//*[contains(@class,'tree')]//*[normalize-space(text())='" + label + "']"));
    }

    /** The routes table as route name to column header to cell text. */
    /**
     * The routes table as name -> (column -> cell), read in one script call: read cell by cell over WebDriver, the 93
     * routes' table took about a thousand round trips per read, over a minute on a loaded machine.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> routesTable() {
        List<String> headers = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('table thead th')).map(h => h.innerText.trim());");
        List<List<String>> cells = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('table tbody tr'))"
                        + ".map(r => Array.from(r.querySelectorAll('td')).map(c => c.innerText));");
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (List<String> row : cells) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < row.size() && i < headers.size(); i++) {
                values.put(headers.get(i), row.get(i).replaceAll("\\s+", ""));
            }
            if (values.containsKey("Name")) {
                rows.put(values.get("Name"), values);
            }
        }
        return rows;
    }

    private static long exchanges(String routeId) throws Exception {
        var route = hub.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute(routeId);
        return route == null ? 0 : route.getExchangesTotal();
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private ConditionFactory waitUp() {
        return Browser.waitUp();
    }

    private void screenshot(String name) throws Exception {
        chromium.screenshot(name);
    }
}
