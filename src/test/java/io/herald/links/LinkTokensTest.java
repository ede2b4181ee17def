package io.herald.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.links.LinkTokens.Claims;
import io.herald.links.LinkTokens.Purpose;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final byte[] SECRET = "a secret of the operator's".getBytes(StandardCharsets.UTF_8);

    private final LinkTokens tokens = new LinkTokens(SECRET, Duration.ofDays(120), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void tokenOpensForItsPurposeAndSubjectUntilItExpires() {
        String token = tokens.issue(Purpose.TRACK, "SO-1001");

        assertThat(tokens.verify(Purpose.TRACK, token)).hasValueSatisfying(claims -> {
            assertThat(claims.subject()).isEqualTo("SO-1001");
            assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(120)));
        });
        LinkTokens later = new LinkTokens(SECRET, Duration.ofDays(120),
                Clock.fixed(NOW.plus(Duration.ofDays(120)), ZoneOffset.UTC));
        assertThat(later.verify(Purpose.TRACK, token)).as("expired").isEmpty();
    }

    @Test
    void tokenOfOnePurposeOpensNoOther() {
        String token = tokens.issue(Purpose.TRACK, "SO-1001");

        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token)).isEmpty();
        assertThat(tokens.verify(Purpose.PREFERENCES, token)).isEmpty();
    }

    @Test
    void alteredForgedOrMalformedTokensAreRefused() {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, "C-42");
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 1;
            assertThat(tokens.verify(Purpose.UNSUBSCRIBE, Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(altered))).as("byte %d flipped", i).isEmpty();
        }
        LinkTokens otherKey = new LinkTokens("another secret".getBytes(StandardCharsets.UTF_8), Duration.ofDays(120),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, otherKey.issue(Purpose.UNSUBSCRIBE, "C-42"))).isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, "")).isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, null)).isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, "not base64 !")).isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token.substring(0, 20))).isEmpty();
    }

    @Test
    void aTokenHasOneSpellingSoItsUnusedBitsCannotBeAltered() {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, "C-42");
        assertThat(Base64.getUrlDecoder().decode(token).length % 3)
                .as("bytes the last character carries unused bits of").isEqualTo(2);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        String sameBytes = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);

        assertThat(Base64.getUrlDecoder().decode(sameBytes)).as("the decoder ignores the unused bits")
                .isEqualTo(Base64.getUrlDecoder().decode(token));
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, sameBytes)).isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token + "==")).as("padded").isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token)).isPresent();
    }

    @Test
    void threadsIssueAndVerifyAtOnceAndARefusedTokenSpoilsNothing() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "T" + t + "-";
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String subject = prefix + i;
                        String token = tokens.issue(Purpose.CLICK, subject);
                        byte[] altered = Base64.getUrlDecoder().decode(token);
                        altered[altered.length - 1] ^= 1;
                        assertThat(tokens.verify(Purpose.CLICK,
                                Base64.getUrlEncoder().withoutPadding().encodeToString(altered))).isEmpty();
                        assertThat(tokens.verify(Purpose.CLICK, token)).get().extracting(Claims::subject)
                                .isEqualTo(subject);
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void tokenRevealsNothingOfItsSubject() {
        String token = tokens.issue(Purpose.PREFERENCES, "customer-with-a-long-id");

        assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1))
                .doesNotContain("customer");
        assertThat(tokens.issue(Purpose.PREFERENCES, "customer-with-a-long-id")).as("a new nonce each time")
                .isNotEqualTo(token);
    }

    @Test
    void defaultRunMakesItsSecretOnceAndKeepsIt(@TempDir Path data) throws Exception {
        byte[] first = LinkSecret.resolve("", data.resolve("data"));
        byte[] again = LinkSecret.resolve(null, data.resolve("data"));

        assertThat(first).hasSize(32).isEqualTo(again);
        Path file = data.resolve("data").resolve(LinkSecret.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(LinkSecret.resolve("from-the-environment", data.resolve("data")))
                .isEqualTo("from-the-environment".getBytes(StandardCharsets.UTF_8));
    }
}
