package io.odoohub.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless Chromium (installed by .ci/run) through its chromedriver, as a person's browser in the browser
 * tests: no browser download. Screenshots go to the Maven build folder (target, or -DbuildDir), never to the sources.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Logger LOG = LoggerFactory.getLogger(Browser.class);

    private final ChromeDriverService service;
    private final WebDriver driver;

    private Browser(ChromeDriverService service, WebDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** A fresh browser (its own profile folder: no cookies) with a window of {@code width} x {@code height}. */
    public static Browser open(Path profile, Path log, int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Debian's chromium and chromium-driver are needed (apt-get install chromium chromium-driver;"
                    + " .ci/run does it)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(log.toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=" + width + "," + height, "--user-data-dir=" + profile.toAbsolutePath());
        try {
            return new Browser(service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** The visible text of the page. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Runs {@code script} in the page; its last argument is the callback that gives the answer. */
    public Object async(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits up to a minute, trying every quarter second, ignoring exceptions meanwhile. */
    public static ConditionFactory waitUp() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
    }

    /** Saves a screenshot as {@code name} in the build folder and returns where. */
    public Path screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = buildDir().resolve(name);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Screenshot {}", target);
        return target;
    }

    /** The Maven build folder (target, or the one given with -DbuildDir): the parent of test-classes. */
    public static Path buildDir() throws Exception {
        return Path.of(Browser.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
