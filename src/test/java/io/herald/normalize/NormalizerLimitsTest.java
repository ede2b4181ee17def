package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Payloads that could hurt Herald are refused before a mapping sees them, with a reason and no echo. */
class NormalizerLimitsTest {

    private final Normalizer normalizer = MappingFixturesTest.normalizer();

    @Test
    void tenMegabytePayloadIsRefusedAsTooLarge() {
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        assertThatThrownBy(() -> normalizer.normalize("easypost", huge))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE));
    }

    @Test
    void deeplyNestedJsonIsRefusedAsUnparseable() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> normalizer.normalize("easypost", deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(RejectReason.UNPARSEABLE);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("nested deeper");
                });
    }

    @Test
    void bytesNotValidInTheirEncodingAreRefusedAsInvalidEncodingAndBrokenTextStaysUnparseable() {
        byte[] brokenPair = "{\"eventId\": \"x\u00C3(\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] latin1InUtf8Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><order><id>Andr\u00E9</id></order>"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] latin1Declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><order><id>Andr\u00E9</id><order>"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] payload : new byte[][] {brokenPair, latin1InUtf8Xml}) {
            assertThatThrownBy(() -> normalizer.normalize("oms", payload))
                    .isInstanceOfSatisfying(IntakeRejectedException.class, e -> org.assertj.core.api.Assertions
                            .assertThat(e.reason()).isEqualTo(RejectReason.INVALID_ENCODING));
        }
        assertThatThrownBy(() -> normalizer.normalize("oms", latin1Declared))
                .as("valid ISO-8859-1, but not well-formed")
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.reason()).isEqualTo(RejectReason.UNPARSEABLE));
        assertThatThrownBy(() -> normalizer.normalize("oms", "{\"order\": {".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.reason()).isEqualTo(RejectReason.UNPARSEABLE));
    }

    @Test
    void valuesThatDoNotFitTheirColumnsAreRefusedAsInvalidEventsNotAcceptedAndLostLater() throws Exception {
        String order = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/resources/payloads/oms/order_created_both_channels.json"));
        java.util.Map<String, String> refused = java.util.Map.of(
                "order.currency", order.replace("\"currency\": \"eur\"", "\"currency\": 566149592624.356"),
                "order.orderId", order.replace("\"SO-100231\"", "\"" + "9".repeat(101) + "\""),
                "order.total", order.replace("\"total\": 89.9", "\"total\": 9223372036854775807"));
        refused.forEach((field, payload) -> assertThatThrownBy(
                () -> normalizer.normalize("oms", payload.getBytes(StandardCharsets.UTF_8)))
                .as(field)
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(RejectReason.INVALID_EVENT);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(field);
                }));
        org.assertj.core.api.Assertions.assertThat(normalizer.normalize("oms", order.getBytes(StandardCharsets.UTF_8)))
                .as("the fixture itself still passes").hasSize(1);
    }

    @Test
    void unknownSourceIsRefusedWithoutEchoingWhatWasSent() {
        assertThatThrownBy(() -> normalizer.normalize("../../etc/passwd", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("/etc/passwd");
                });
    }
}
