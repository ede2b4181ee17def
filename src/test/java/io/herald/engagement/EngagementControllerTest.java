package io.herald.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.herald.decide.PreferenceProperties;
import io.herald.decide.PreferenceStore;
import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import io.herald.render.BrandProperties;
import io.herald.support.SqlFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The email links' endpoints with open tracking on, on H2 (the whole application runs them in EmailLinksIT). */
class EngagementControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final OffsetDateTime AT = NOW.atOffset(ZoneOffset.UTC);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LinkTokens tokens = new LinkTokens("controller-test-secret".getBytes(StandardCharsets.UTF_8),
            Duration.ofDays(120), clock);

    private NamedParameterJdbcTemplate jdbc;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:herald-engagement-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/h2").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(h2);
        PreferenceStore preferences = new PreferenceStore(jdbc, new SqlFiles(),
                new PreferenceProperties(new PreferenceProperties.Defaults(null, null)));
        EmailLinks links = new EmailLinks(tokens, "https://herald.example.com", true, true);
        UnsubscribePage page = new UnsubscribePage(new BrandProperties("Shop", null, "#0a7d43", null, null, null,
                null, null));
        mvc = MockMvcBuilders.standaloneSetup(new EngagementController(links,
                new io.herald.customer.PageLinks(tokens, "https://herald.example.com",
                        new org.springframework.mock.env.MockEnvironment()),
                new EngagementLog(jdbc, new SqlFiles(), clock), preferences, page, clock)).build();
        jdbc.getJdbcTemplate().update("INSERT INTO notification (id, subject_key, type, channel, customer_id, locale, "
                + "recipient, body_text, state, created_at, updated_at, sent_at) VALUES ('a-1', 'order:o', "
                + "'shipped', 'email', 'C-1', 'fr', 'someone', 'text', 'SENT', ?, ?, ?)", AT, AT, AT);
        jdbc.getJdbcTemplate().update("INSERT INTO customer (customer_id, locale, updated_at) VALUES ('C-1', 'fr-CA', ?)",
                AT);
    }

    @Test
    void openPixelRecordsTheOpenAndAnswersATransparentOnePixelGif() throws Exception {
        byte[] gif = mvc.perform(get("/o/" + tokens.issue(Purpose.OPEN, "a-1") + ".gif"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_GIF))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsByteArray();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(gif));
        assertThat(image.getWidth()).isEqualTo(1);
        assertThat(image.getHeight()).isEqualTo(1);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(0, 0) >>> 24).as("alpha").isZero();
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT opens FROM email_engagement "
                + "WHERE notification_id = 'a-1'", Integer.class)).isOne();
    }

    @Test
    void headOfThePixelOrOfATrackedLinkRecordsNothing() throws Exception {
        String url = "https://www.ups.com/track?tracknum=1Z999AA10123456784";
        String click = new EmailLinks(tokens, "https://herald.example.com", true, true).clickUrl("a-1", url)
                .substring("https://herald.example.com".length());

        mvc.perform(head("/o/" + tokens.issue(Purpose.OPEN, "a-1") + ".gif")).andExpect(status().isOk());
        mvc.perform(head(click.substring(0, click.indexOf('?'))).param("u", url)).andExpect(status().isFound());
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM email_engagement", Integer.class))
                .isZero();

        mvc.perform(get(click.substring(0, click.indexOf('?'))).param("u", url))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", url));
        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT clicks FROM email_engagement "
                + "WHERE notification_id = 'a-1'", Integer.class)).isOne();
    }

    @Test
    void pixelWithATokenOfAnotherPurposeIsNotFoundAndRecordsNothing() throws Exception {
        mvc.perform(get("/o/" + tokens.issue(Purpose.CLICK, "a-1") + ".gif")).andExpect(status().isNotFound());
        mvc.perform(get("/o/garbage.gif")).andExpect(status().isNotFound());

        assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM email_engagement", Integer.class))
                .isZero();
    }

    @Test
    void unsubscribePagesSpeakTheCustomersLanguage() throws Exception {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, "C-1");

        mvc.perform(get("/u/" + token).header("Accept-Language", "de"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<html lang=\"fr\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Me désabonner")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "href=\"https://herald.example.com/preferences/")));
        mvc.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Vous êtes désabonné")));
    }

    @Test
    void unsubscribePageOfAnUnknownCustomerSpeaksTheBrowsersLanguage() throws Exception {
        mvc.perform(get("/u/" + tokens.issue(Purpose.UNSUBSCRIBE, "C-unknown")).header("Accept-Language", "de-AT"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<html lang=\"de\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Von den E-Mails von Shop abmelden?")));
        mvc.perform(get("/u/" + tokens.issue(Purpose.UNSUBSCRIBE, "C-unknown")).header("Accept-Language", "ja"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<html lang=\"en\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Unsubscribe from Shop emails?")));
    }
}
