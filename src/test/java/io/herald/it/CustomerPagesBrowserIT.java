package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The customer's pages in a real browser (docs/pages.md, "Browser tests"): Debian's headless chromium, driven by
 * Selenium through Debian's chromedriver. Only {@code ./mvnw verify -Pbrowser} runs it, and there a missing browser
 * fails it. Screenshots at phone and desktop width go to {@code target/browser-screenshots/}.
 */
class CustomerPagesBrowserIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    /** The tracking page's link in the email's HTML, whose click redirect names it in {@code u=}. */
    private static final Pattern TRACK_HREF = Pattern.compile("href=\"[^\"]*/c/[A-Za-z0-9_-]+\\?u=([^\"]+)\"");

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver)").isExecutable();
        profile = Files.createTempDirectory("herald-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void customerFollowsTheEmailsTrackingLinkSeesTheTimelineAndSwitchesOffShippedEmails() throws Exception {
        String email = "browser.pages@example.com";
        String trackingNumber = trackingNumber("BROWSER");
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-BR1", "C-BR1", email, "+4915112349101", "en", "email",
                300));
        publishWms(trackingNumber, SamplePayloads.wmsShipped("SO-BR1", trackingNumber, 240));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);
        post("/api/v1/intake/easypost", SamplePayloads.easypostTrackerUpdated(trackingNumber, "out_for_delivery", 30));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE order_id = "
                + "'SO-BR1' AND type = 'out_for_delivery' AND channel = 'email' AND state = 'SENT'", Integer.class) == 1);

        List<jakarta.mail.internet.MimeMessage> mails = mailsTo(email);
        String html = NotificationJourneyIT.parts(mails.get(mails.size() - 1)).get("text/html");
        // the link names Herald's public address (herald.public-base-url), which this test's server stands in for
        String tracking = TRACK_HREF.matcher(html).results()
                .map(href -> java.net.URI.create(java.net.URLDecoder.decode(href.group(1).replace("&amp;", "&"),
                        java.nio.charset.StandardCharsets.UTF_8)).getRawPath())
                .filter(path -> path.startsWith("/track/")).findFirst().orElse(null);
        assertThat(tracking).as("the email links to its tracking page").isNotNull();
        browser.get("http://localhost:" + port + tracking);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your order SO-BR1");
        assertThat(browser.findElement(By.className("status")).getText()).isEqualTo("Out for delivery");
        List<String> timeline = browser.findElements(By.cssSelector("ol.timeline li")).stream()
                .map(WebElement::getText).toList();
        assertThat(timeline).hasSizeGreaterThanOrEqualTo(2);
        assertThat(timeline.get(0)).contains("Out for delivery", "Berlin");
        assertThat(timeline.get(timeline.size() - 1)).contains("On its way", "Leipzig");
        screenshots("track");

        browser.findElement(By.linkText("Choose which messages you receive")).click();
        awaitText(By.tagName("h1"), "Your message preferences");
        WebElement delayedByEmail = browser.findElement(By.id("type-delayed-email"));
        assertThat(delayedByEmail.isSelected()).as("a critical alert is shown on").isTrue();
        assertThat(delayedByEmail.isEnabled()).as("and cannot be switched off").isFalse();
        WebElement shippedByEmail = browser.findElement(By.id("type-shipped-email"));
        assertThat(shippedByEmail.isSelected()).isTrue();
        shippedByEmail.click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        awaitText(By.cssSelector("[role=status]"), "Your preferences are saved.");
        browser.navigate().to(browser.getCurrentUrl().replace("?saved", ""));
        assertThat(browser.findElement(By.id("type-shipped-email")).isSelected()).as("the change sticks").isFalse();
        assertThat(browser.findElement(By.id("type-delivered-email")).isSelected()).isTrue();
        screenshots("preferences");
        assertThat(get("/api/v1/customers/C-BR1/preferences").body())
                .contains("\"shipped\":{\"email\":false");
    }

    /**
     * Waits for the page a click leads to: a click returns once the browser has started to follow it, and the element
     * may not be there yet (CI once looked for the saved preferences' status on the page before it).
     */
    private void awaitText(By element, String text) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElement(element).getText()).isEqualTo(text));
    }

    /** The page as it is now, at phone and at desktop width. */
    private void screenshots(String page) throws IOException {
        for (var size : List.of(new Object[] {"phone", PHONE}, new Object[] {"desktop", DESKTOP})) {
            browser.manage().window().setSize((Dimension) size[1]);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(page + "-" + size[0] + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
