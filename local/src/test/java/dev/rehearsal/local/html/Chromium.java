package dev.rehearsal.local.html;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

/**
 * Debian's chromium and chromedriver (installed by .ci/run), driven headless and offline: both paths are given
 * so Selenium Manager never looks for a browser on the network. Without them a test is skipped on a developer's
 * machine and fails under CI=true, where .ci/run should have installed them.
 */
final class Chromium {
    static final Path BROWSER = Path.of(System.getenv().getOrDefault("REHEARSAL_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("REHEARSAL_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    static ChromeDriver start() {
        require(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "chromium and chromedriver are needed at " + BROWSER + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BROWSER.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1000",
                "--allow-file-access-from-files", "--disable-background-networking", "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /** Skips the test on a developer's machine, fails it in CI. */
    static void require(boolean present, String what) {
        if (present) return;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(what + " (CI=true: .ci/run installs it)");
        Assumptions.abort(what);
    }

    /** axe-core's browser bundle from tools/axe-core (npm ci --prefix tools/axe-core). */
    static String axeSource() {
        try {
            return Files.readString(tool("tools/axe-core/node_modules/axe-core/axe.min.js"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file that .ci/run installs under tools/, found from the module's directory upwards. */
    static Path tool(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(relative);
            if (Files.isRegularFile(p)) return p;
        }
        require(false, relative + " is missing (npm ci --prefix " + relative.substring(0, relative.indexOf("/node_modules")) + ")");
        return null;
    }
}
