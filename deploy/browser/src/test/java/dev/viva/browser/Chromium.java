package dev.viva.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import dev.viva.local.Directories;

/**
 * Debian's Chromium driven through its chromedriver, headless, with a fresh profile and nothing that
 * phones home. {@link #find()} says why there is no browser, so tests can skip with that reason.
 */
final class Chromium implements AutoCloseable {

    static final String BINARY = System.getProperty("viva.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("viva.chromedriver", "/usr/bin/chromedriver");

    private final Path profile;
    final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Where the browser saves downloads (inside its temporary profile). */
    Path downloads() {
        return profile.resolve("downloads");
    }

    /** Why no browser can run here, or null when Chromium and its driver are installed. */
    static String missing() {
        for (String file : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(Path.of(file))) {
                return file + " is not installed (apt-get install -y chromium chromium-driver; .ci/run does it)";
            }
        }
        return null;
    }

    static Chromium start(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("viva-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.manage().window().setSize(new Dimension(width, height));
        return new Chromium(profile, driver);
    }

    /** The browser console since the last call: errors include any Content-Security-Policy violation. */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    private final List<String> urls = new java.util.ArrayList<>();

    /** Every URL the browser requested so far (navigations, scripts, API calls), from its network log. */
    List<String> urlsVisited() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                com.fasterxml.jackson.databind.JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                    urls.add(message.path("params").path("request").path("url").asText());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return List.copyOf(urls);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A PNG of the whole page (up to 3000 px tall) at the current width. */
    void screenshot(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        @SuppressWarnings("unchecked")
        Map<String, Object> viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
        double width = ((Number) viewport.get("clientWidth")).doubleValue();
        double height = Math.min(3000, Math.max(((Number) content.get("height")).doubleValue(),
                ((Number) viewport.get("clientHeight")).doubleValue()));
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** A PNG of one element. */
    void screenshot(org.openqa.selenium.WebElement element, Path file) throws IOException {
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
        Files.createDirectories(file.getParent());
        Files.write(file, element.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Directories.deleteQuietly(profile);
        }
    }
}
