package com.brighthub.bulkimport.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for the browser tests, driven through Selenium. It uses Debian's chromium and
 * chromedriver (scripts/chromium.sh installs them, and ./bright test runs that script), never a browser
 * that Selenium Manager downloads, because this machine has no such registry. Each browser gets its own
 * profile and download directory, so tests running side by side share no cookies or files. Both
 * directories are deleted by {@link #close()}.
 */
final class Browser implements AutoCloseable {

    /**
     * Headless with no sandbox because the tests run as root, where Chromium's sandbox cannot start. No
     * calls out to Google's update, sync or QUIC endpoints, because the machine has no network for them.
     * Shared memory goes to /tmp, because a small /dev/shm crashes the renderer.
     */
    static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,900");

    private final WebDriver driver;
    private final Path profile;
    private final Path downloads;

    private Browser(WebDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** A fresh browser on a blank page. Close it (try-with-resources) to stop Chromium and its driver. */
    static Browser open() throws IOException {
        String chromium = System.getProperty("bright.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("bright.chromedriver", "/usr/bin/chromedriver");
        for (String file : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(Path.of(file))) {
                throw new IllegalStateException(file + " is missing: scripts/chromium.sh ensure installs it");
            }
        }
        Path profile = Files.createTempDirectory("bright-chromium-profile-");
        Path downloads = Files.createTempDirectory("bright-chromium-downloads-");
        try {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver)).build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments(ARGUMENTS);
            options.addArguments("--user-data-dir=" + profile);
            // files go straight to downloads(), without a save dialog that a headless browser cannot answer
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            return new Browser(new ChromeDriver(service, options), profile, downloads);
        } catch (RuntimeException e) {
            delete(profile);
            delete(downloads);
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Where the browser saves downloaded files. Read them before {@link #close()}, which deletes them. */
    Path downloads() {
        return downloads;
    }

    /** Saves the current page as target/screenshots/NAME.png, so a failed run can be inspected afterwards. */
    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Chromium and its driver, then deletes the profile and the downloads. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind breaks no test
        }
    }
}
