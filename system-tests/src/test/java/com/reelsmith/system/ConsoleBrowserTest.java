package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.reelsmith.testing.RequiresBundledFfmpeg;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a person uses it, in Debian's Chromium (headless) against the standalone jar
 * started with --demo: sign in with the printed demo key, create a campaign, upload an asset, generate
 * a video and see it play, plan a storyboard from a brief, review and approve it, produce the ad
 * (followed live on its event stream) until it plays, download an export, see spend from the spend
 * report, and the operations view with the admin key. Screenshots of the main screens go to docs/screenshots/ for the README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresBundledFfmpeg("the main flow ends with the produced ad playing, and the admin's view shows its jobs")
class ConsoleBrowserTest {

    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    /** On a failure: what the page showed, as text and as target/console-failure.png. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.TestWatcher SHOW_PAGE = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (browser != null) {
                System.out.println("CONSOLE FAILURE at " + browser.getCurrentUrl() + "; the page shows:\n" + pageText()
                        + "\nbrowser console:\n" + String.join("\n", browser.manage().logs().get(LogType.BROWSER).getAll()
                        .stream().map(LogEntry::getMessage).toList()));
            }
        }
    };

    private static ServiceProcess system;
    private static String clientKey;
    private static String adminKey;
    private static WebDriver browser;
    private static Path screenshots;

    @BeforeAll
    static void startSystemAndBrowser() throws Exception {
        String chromium = firstExisting(System.getenv("CHROME_BIN"), CHROMIUM);
        String driver = firstExisting(System.getenv("CHROMEDRIVER"), DRIVER);
        assumeTrue(chromium != null && driver != null, "no Chromium and chromedriver found (apt-get install -y chromium "
                + "chromium-driver, or set CHROME_BIN and CHROMEDRIVER): the console's browser tests are skipped");

        Path work = Files.createTempDirectory("reelsmith-console");
        Map<String, String> env = new HashMap<>();
        env.put("REELSMITH_DATA", work.resolve("data").toString());
        env.put("DATABASE_URL", null);
        env.put("AMQP_URL", null);
        env.put("ADMIN_API_KEY", null);
        // a little provider latency, so a job's progress is visible before it finishes
        env.put("LOCAL_PROVIDER_LATENCY", "800ms");
        system = ServiceProcess.start("console-standalone", ServiceProcess.jar("standalone", "reelsmith.jar"), env,
                "SERVER_PORT", work, List.of(), List.of("--demo"));
        system.awaitOutput("Reelsmith is running", RunningSystem.START_TIMEOUT).awaitHealthy(Duration.ofSeconds(30));
        assertThat(system.output()).as("the welcome names the console").contains("Open the console in a browser: http://localhost:"
                + system.port() + "/console/");
        var demo = new Properties();
        try (var in = Files.newBufferedReader(work.resolve("data").resolve("demo.properties"))) {
            demo.load(in);
        }
        clientKey = demo.getProperty("client_key");
        adminKey = Files.readString(work.resolve("data").resolve("admin-api-key")).trim();

        screenshots = Path.of(System.getProperty("reelsmith.repo", ".."), "docs", "screenshots");
        Files.createDirectories(screenshots);
        var options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900", "--autoplay-policy=no-user-gesture-required", "--mute-audio");
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.stop();
        }
    }

    @Test
    void servedWithAStrictContentSecurityPolicyAndNoKey() throws Exception {
        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var bare = http.send(HttpRequest.newBuilder(URI.create(system.baseUrl() + "/console")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).as("/console redirects to /console/").isBetween(301, 308);
        assertThat(bare.headers().firstValue("Location").orElse("")).endsWith("/console/");
        var page = http.send(HttpRequest.newBuilder(URI.create(system.baseUrl() + "/console/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<main id=\"view\"").doesNotContain("<script>").doesNotContain("style=");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        var script = http.send(HttpRequest.newBuilder(URI.create(system.baseUrl() + "/console/js/app.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    @Test
    @Order(1)
    void aNewUserGoesFromSignInToAPlayingVideoAnApprovedStoryboardAndSpend() throws Exception {
        // sign in
        open("#/signin");
        WebElement key = await(By.cssSelector("input[name=api_key]"));
        screenshot("sign-in");
        key.sendKeys(clientKey);
        browser.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        await(By.id("new-campaign"));
        assertThat(browser.getCurrentUrl()).as("the key never goes in a URL").doesNotContain(clientKey);
        assertThat((String) js("return sessionStorage.getItem('reelsmith.apiKey')")).isEqualTo(clientKey);

        // create a campaign
        browser.findElement(By.cssSelector("#new-campaign input[name=name]")).sendKeys("Aero 2 launch");
        browser.findElement(By.cssSelector("#new-campaign input[name=budget_usd]")).sendKeys("250");
        browser.findElement(By.cssSelector("#new-campaign button[type=submit]")).click();
        WebElement card = awaitText(By.cssSelector("article.campaign"), "Aero 2 launch");
        assertThat(card.getText()).contains("$250.00");
        screenshot("campaigns");

        // upload an asset with the file picker, and one more by drag and drop
        go("#/assets");
        Path png = Files.createTempFile("product", ".png");
        ImageIO.write(productShot(), "png", png.toFile());
        browser.findElement(By.id("asset-file")).sendKeys(png.toString());
        awaitLoadedImage("#asset-gallery figure img");
        js("""
                const canvas = document.createElement('canvas'); canvas.width = 64; canvas.height = 64;
                const g = canvas.getContext('2d'); g.fillStyle = '#c33'; g.fillRect(0, 0, 64, 64);
                canvas.toBlob((blob) => {
                  const dt = new DataTransfer(); dt.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
                  document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
                });
                """);
        awaitText(By.cssSelector("#asset-gallery"), "dropped.png");
        waitFor(Duration.ofSeconds(30), () -> browser.findElements(By.cssSelector("#asset-gallery figure")).size() >= 2);
        screenshot("assets");

        // generate a video and watch it play
        go("#/generate");
        WebElement prompt = await(By.id("prompt"));
        prompt.sendKeys("A red running sneaker on a wet street at dawn, slow pan");
        browser.findElement(By.id("generate-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#generation .progress-panel")));
        WebElement video = new WebDriverWait(browser, Duration.ofSeconds(180))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result video")));
        waitFor(Duration.ofSeconds(60), () -> {
            Object error = js("return arguments[0].error && arguments[0].error.message", video);
            assertThat(error).as("the browser could not decode the video").isNull();
            return ((Number) js("return arguments[0].readyState", video)).intValue() >= 2
                    && ((Number) js("return arguments[0].currentTime", video)).doubleValue() > 0.2;
        });
        assertThat(browser.findElement(By.cssSelector("#generation .progress-panel")).getAttribute("data-status")).isEqualTo("succeeded");
        screenshot("generate");

        // a brief becomes a storyboard; previews, a reorder, review and approval
        go("#/storyboards");
        await(By.id("brief-text")).sendKeys("Launch of the Aero 2 running sneaker: a first step off the curb turns into flight.");
        browser.findElement(By.id("brief-product")).sendKeys("Aero 2 sneaker");
        new Select(browser.findElement(By.id("brief-platform"))).selectByValue("tiktok");
        browser.findElement(By.id("brief-cta")).sendKeys("Tap to shop the drop");
        browser.findElement(By.id("brief-duration")).sendKeys("15"); // a short ad: its production takes a minute or two here
        browser.findElement(By.id("brief-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.presenceOfElementLocated(By.id("scenes")));
        List<String> before = sceneIds();
        assertThat(before).hasSizeGreaterThanOrEqualTo(2);

        browser.findElement(By.cssSelector("li.scene button[aria-label='Move scene 1 down']")).click();
        waitFor(Duration.ofSeconds(30), () -> !sceneIds().equals(before));
        assertThat(sceneIds().get(0)).isEqualTo(before.get(1));
        assertThat(sceneIds().get(1)).isEqualTo(before.get(0));

        // edit a scene's on-screen text, then refine the storyboard with feedback the planner understands
        browser.findElement(By.cssSelector("li.scene")).findElement(By.xpath(".//button[normalize-space()='Edit']")).click();
        WebElement onScreen = await(By.cssSelector("li.scene input[name=on_screen_text]"));
        onScreen.clear();
        onScreen.sendKeys("Step off. Take off.");
        browser.findElement(By.cssSelector("li.scene form button[type=submit]")).click();
        awaitText(By.cssSelector("li.scene"), "Step off. Take off.");
        awaitText(By.id("board-figures"), "3 of 3");
        await(By.id("refine-feedback")).sendKeys("shorter");
        browser.findElement(By.id("refine-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("board-figures"), "4 of 4"));
        int scenes = sceneIds().size();

        await(By.id("make-previews")).click();
        waitFor(Duration.ofSeconds(180), () -> browser.findElements(By.cssSelector("li.scene img.keyframe")).size() == scenes
                && Boolean.TRUE.equals(js("return [...document.querySelectorAll('li.scene img.keyframe')].every(i => i.complete && i.naturalWidth > 0)")));
        browser.manage().window().setSize(new Dimension(1280, 1500));
        screenshot("storyboard");
        browser.manage().window().setSize(new Dimension(1280, 900));

        await(By.id("submit-review")).click();
        await(By.id("approve"));
        browser.findElement(By.id("review-comment")).sendKeys("Looks right, ship it");
        browser.findElement(By.id("approve")).click();
        awaitText(By.cssSelector("main h1"), "approved");
        String history = browser.findElement(By.id("history")).getText();
        assertThat(history).contains("approve").contains("by demo").contains("Looks right, ship it").contains("scenes reordered")
                .contains("scene edited").contains("refine");

        // production: live per scene through the job's event stream, then the finished ad playing
        await(By.id("produce")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("#/productions/"));
        WebElement panel = await(By.cssSelector("#production .progress-panel"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> "stream".equals(panel.getAttribute("data-live")));
        assertThat(panel.getText()).contains("Live").contains("scenes");
        waitFor(Duration.ofSeconds(300), () -> !browser.findElements(By.cssSelector("#production .progress-panel .steps li")).isEmpty());
        screenshot("production-progress");
        WebElement ad = new WebDriverWait(browser, Duration.ofSeconds(900))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ad video")));
        assertThat(panel.getAttribute("data-status")).isEqualTo("succeeded");
        assertThat(panel.getAttribute("data-live")).as("followed on the event stream to the end, no polling").isEqualTo("stream");
        waitFor(Duration.ofSeconds(60), () -> {
            Object error = js("return arguments[0].error && arguments[0].error.message", ad);
            assertThat(error).as("the browser could not decode the ad").isNull();
            return ((Number) js("return arguments[0].readyState", ad)).intValue() >= 2
                    && ((Number) js("return arguments[0].currentTime", ad)).doubleValue() > 0.2;
        });
        assertThat(browser.findElement(By.id("ad")).getText()).contains("version").contains("Music");

        // an export: WebM 480p, downloaded through its signed link
        new Select(browser.findElement(By.id("export-format"))).selectByValue("webm");
        new Select(browser.findElement(By.id("export-resolution"))).selectByValue("480");
        browser.findElement(By.id("export-submit")).click();
        WebElement download = new WebDriverWait(browser, Duration.ofSeconds(600))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#exports li[data-format=webm][data-resolution='480'] a[download]")));
        browser.manage().window().setSize(new Dimension(1280, 1400)); // the ad and its exports in one picture
        js("arguments[0].currentTime = 1.0", ad); // a frame from the middle of the ad for the screenshot
        waitFor(Duration.ofSeconds(10), () -> ((Number) js("return arguments[0].readyState", ad)).intValue() >= 2);
        screenshot("production");
        browser.manage().window().setSize(new Dimension(1280, 900));
        @SuppressWarnings("unchecked")
        List<Object> answer = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then((r) => done([r.status, r.headers.get('Content-Type')]), (e) => done([0, String(e)]));
                """, download.getAttribute("href"));
        assertThat(((Number) answer.get(0)).intValue()).as("the export's download link").isEqualTo(200);
        assertThat((String) answer.get(1)).startsWith("video/webm");
        byte[] bytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(download.getAttribute("href"))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(bytes).as("the export is a WebM (EBML header)").startsWith((byte) 0x1A, (byte) 0x45, (byte) 0xDF, (byte) 0xA3);

        // spend
        go("#/spend");
        WebElement chart = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#spend svg")));
        assertThat(chart.getAttribute("aria-label")).as("spend per day, or jobs per day where nothing was spent").matches("(Spend|Jobs) per day.*");
        assertThat(browser.findElement(By.id("spend-by-campaign")).getText()).contains("Aero 2 launch");
        assertThat(browser.findElement(By.id("spend-by-model")).findElements(By.cssSelector("tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("spend-total")).getText()).matches(".*\\(([1-9][0-9]*) jobs\\).*");
        assertThat(browser.findElements(By.cssSelector("#spend-stats tbody td:first-child")).stream().map(WebElement::getText))
                .as("jobs by kind in the stats").contains("ad", "video");
        assertThat((Boolean) js("return performance.getEntriesByType('resource').some((e) => /\\/api\\/v2\\/clients\\/[^/]+\\/spend\\?.*group_by=model/.test(e.name))"))
                .as("the figures come from the spend report").isTrue();
        screenshot("spend");

        // on a phone
        browser.manage().window().setSize(new Dimension(390, 844));
        go("#/campaigns");
        awaitText(By.cssSelector("article.campaign"), "Aero 2 launch");
        screenshot("campaigns-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // sign out: the key leaves the tab
        browser.findElement(By.id("sign-out")).click();
        await(By.cssSelector("input[name=api_key]"));
        assertThat(js("return sessionStorage.getItem('reelsmith.apiKey')")).isNull();

        assertNoPolicyViolations();
    }

    @Test
    @Order(2) // after the main flow, so the operations view shows its jobs
    void anAdminSeesClientsKeysAndOperations() throws Exception {
        open("#/signin");
        await(By.cssSelector("input[name=api_key]")).sendKeys(adminKey);
        browser.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        await(By.id("new-campaign"));
        go("#/admin");
        awaitText(By.id("keys"), "Keys of Demo client");
        assertThat(browser.findElement(By.id("keys")).getText()).contains("demo");
        screenshot("admin");
        go("#/ops");
        WebElement queues = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section[data-ops='/api/v2/ops/queues'] table")));
        assertThat(queues.findElements(By.cssSelector("tbody tr"))).as("the broker's queues").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("section[data-ops='/api/v2/ops/jobs']")).getText()).contains("succeeded");
        await(By.cssSelector("section[data-ops='/api/v2/ops/audit']"));
        await(By.cssSelector("section[data-ops='/api/v2/ops/dead-letters']"));
        browser.manage().window().setSize(new Dimension(1280, 1650));
        screenshot("ops");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // a wrong key is refused with the API's own message
        browser.findElement(By.id("sign-out")).click();
        await(By.cssSelector("input[name=api_key]")).sendKeys("sk_wrongwrongwr_0000000000000000000000000000000000000000");
        browser.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        WebElement refused = awaitText(By.cssSelector("#view .alert.error"), "not valid");
        assertThat(refused.findElement(By.cssSelector(".request-id")).getText()).as("a request id to quote").matches("Request id: \\S+");
        assertNoPolicyViolations();
    }

    // ---- helpers

    /** A fresh load of the page (a get of the same address with another hash would only change the hash). */
    private static void open(String hash) {
        browser.get("about:blank");
        browser.get(system.baseUrl() + "/console/" + hash);
    }

    private static void go(String hash) {
        js("location.hash = arguments[0]", hash);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static WebElement await(By by) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(by));
        } catch (RuntimeException e) {
            throw new AssertionError("waited for " + by + "; the page shows:\n" + pageText(), e);
        }
    }

    private static String pageText() {
        try {
            Files.write(Path.of("target", "console-failure.png"),
                    ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return browser.findElement(By.tagName("body")).getText();
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static WebElement awaitText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return browser.findElements(by).stream().filter(e -> e.getText().contains(text)).findFirst().orElseThrow();
    }

    private static void awaitLoadedImage(String css) {
        waitFor(Duration.ofSeconds(30), () -> Boolean.TRUE.equals(js(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0", css)));
    }

    private static boolean waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout).until(d -> condition.getAsBoolean());
        return true;
    }

    /** In one script: the list re-renders after a change, so elements found one call earlier may be gone (stale). */
    @SuppressWarnings("unchecked")
    private static List<String> sceneIds() {
        return (List<String>) js("return [...document.querySelectorAll('li.scene')].map((li) => li.dataset.sceneId)");
    }

    private static void screenshot(String name) throws Exception {
        js("document.activeElement && document.activeElement.blur && document.activeElement.blur(); window.scrollTo(0, 0)");
        Thread.sleep(300); // let the last layout settle (fonts, images)
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
    }

    /** No inline script or style slipped in: Chromium reports each CSP refusal on its console. */
    private static void assertNoPolicyViolations() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).toList();
        assertThat(violations).isEmpty();
    }

    private static BufferedImage productShot() {
        var image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x3b2f8f));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.fillOval(90, 50, 140, 140);
        g.dispose();
        return image;
    }

    private static String firstExisting(String preferred, List<String> candidates) {
        if (preferred != null && !preferred.isBlank() && Files.isExecutable(Path.of(preferred))) {
            return preferred;
        }
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
    }
}
