package org.onecall.testsupport.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the pages' tests, driven through the machine's chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}; shared/STACK.md). Never downloads anything: the
 * driver's path is given, so Selenium Manager is not asked. Without Chromium the test class is
 * skipped, saying why, unless {@code ONECALL_REQUIRE_BROWSER=1} (CI sets it), which fails it.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ONECALL_CHROMIUM", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getenv().getOrDefault("ONECALL_CHROMEDRIVER", "/usr/bin/chromedriver"));
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String base;
    private final Path profile;
    private final ChromeDriverService service;
    public final ChromeDriver driver;

    private Browser(String base, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.base = base;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** A browser on the service at {@code base} (e.g. http://localhost:41234), or the class is skipped. */
    public static Browser open(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            if (required()) {
                fail("ONECALL_REQUIRE_BROWSER=1 but " + missing());
            }
            Assumptions.abort(missing());
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("onecall-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--user-data-dir=" + profile,
                "--window-size=1280,900", "--lang=zh-CN");
        // the page's console, to catch script errors and Content-Security-Policy violations
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(PATIENCE);
            return new Browser(base, profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    public static boolean required() {
        return "1".equals(System.getenv("ONECALL_REQUIRE_BROWSER"));
    }

    public static String missing() {
        return "browser tests skipped: no Chromium at " + CHROMIUM + " or no chromedriver at " + DRIVER
                + " (apt-get install -y chromium chromium-driver fonts-wqy-microhei; or set ONECALL_CHROMIUM and"
                + " ONECALL_CHROMEDRIVER)";
    }

    /**
     * Opens a page of the service, e.g. {@code /console/login.html}, and waits until it (or the page
     * it sent the browser to) says it is ready: its handlers attached, its first data shown.
     */
    public Browser go(String path) {
        driver.get(base + path);
        if (path.startsWith("/console/") && !path.endsWith(".svg")) {
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-ready]")));
        }
        return this;
    }

    public String base() {
        return base;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element is shown, then returns it. */
    public WebElement visible(String css) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the element's text contains {@code text}. */
    public void waitForText(String css, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    public void waitForUrl(String part) {
        waiting().until(ExpectedConditions.urlContains(part));
    }

    /** Waits until the browser is on this page (path, e.g. /console/) and the page is ready. */
    public void waitForPage(String path) {
        waiting().until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals(path));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-ready]")));
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50));
    }

    public void type(String css, String text) {
        WebElement field = visible(css);
        field.clear();
        field.sendKeys(text);
    }

    public void click(String css) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    public void choose(String css, String value) {
        new Select(visible(css)).selectByValue(value);
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Signs in through the staff form and waits for the console's start page. */
    public void signIn(String username, String password) {
        go("/console/login.html");
        type("#username", username);
        type("#password", password);
        click("#password-submit");
        waitForPage("/console/");
        visible("#who");
    }

    /** A phone: 375 CSS pixels wide, touch, the page's viewport meta honoured (until {@link #desktop()}). */
    public void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 375, "height", 812,
                "deviceScaleFactor", 2, "mobile", true));
    }

    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, not only what fits the window, as a PNG. */
    @SuppressWarnings("unchecked")
    public void screenshotFullPage(Path file) {
        Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the pages wrote to the console at level SEVERE since the last call: uncaught errors,
     * refused scripts or styles (Content-Security-Policy), modules that failed to load. A refused
     * request ("Failed to load resource": a 401 or 403 the page handles) is not counted.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    /** Forgets cookies and stored settings: the next page starts signed out, in Chinese. */
    public void forget() {
        go("/console/favicon.svg");
        driver.manage().deleteAllCookies();
        js("localStorage.clear()");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    /** Chromium may still be writing its profile as it exits: a few tries. */
    private static void delete(Path dir) {
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException | UncheckedIOException e) {
                // retried
            }
        }
    }
}
