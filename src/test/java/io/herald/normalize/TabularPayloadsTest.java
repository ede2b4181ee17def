package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.HeraldProperties.Source;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabularPayloadsTest {

    private static final Source CSV = source("csv", null, null);
    private final TabularPayloads tabular = new TabularPayloads();

    private static Source source(String format, String delimiter, String columns) {
        return new Source(null, null, null, null, null, format, delimiter, columns);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csvRecordsAreKeyedByTheTrimmedHeaderNames() {
        List<Map<String, String>> records = tabular.read(bytes(" orderId ,status\r\nSO-1,paid\r\nSO-2, shipped \r\n"), CSV);

        assertThat(records).containsExactly(
                Map.of("orderId", "SO-1", "status", "paid"),
                Map.of("orderId", "SO-2", "status", " shipped "));
    }

    @Test
    void quotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() {
        String csv = "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\r\nlines\"\n4,\"\"\n";

        assertThat(tabular.read(bytes(csv), CSV)).extracting(r -> r.get("note"))
                .containsExactly("a, b", "say \"hi\"", "two\r\nlines", "");
    }

    @Test
    void byteOrderMarkIsDroppedAndTheLastLineNeedsNoLineBreak() {
        byte[] payload = bytes("\uFEFFid,status\n7,NEW");

        assertThat(tabular.read(payload, CSV)).containsExactly(Map.of("id", "7", "status", "NEW"));
    }

    @Test
    void blankLinesAreSkipped() {
        assertThat(tabular.read(bytes("id\n\n1\n\n2\n\n"), CSV)).hasSize(2);
    }

    @Test
    void configuredDelimiterSplitsFields() {
        List<Map<String, String>> records = tabular.read(bytes("a;b\n1,5;x\n"), source("csv", ";", null));

        assertThat(records).containsExactly(Map.of("a", "1,5", "b", "x"));
    }

    @Test
    void recordWithAnotherNumberOfFieldsThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> tabular.read(bytes("a,b\n1,2\n1,2,3\n"), CSV))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.UNPARSEABLE);
                    assertThat(e.getMessage()).isEqualTo("Record 2 has 3 fields; the header has 2");
                });
    }

    @Test
    void unclosedQuoteIsRefusedWithTheLineItStartsOn() {
        assertThatThrownBy(() -> tabular.read(bytes("a,b\n1,2\n3,\"open\n4,5\n"), CSV))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("line 3").contains("never closed"));
    }

    @Test
    void quoteInsideAnUnquotedFieldOrTextAfterAClosingQuoteIsRefused() {
        assertThatThrownBy(() -> tabular.read(bytes("a\nsay \"hi\"\n"), CSV))
                .isInstanceOf(IntakeRejectedException.class).hasMessageContaining("Line 2");
        assertThatThrownBy(() -> tabular.read(bytes("a\n\"hi\" there\n"), CSV))
                .isInstanceOf(IntakeRejectedException.class).hasMessageContaining("Line 2");
    }

    @Test
    void headerWithoutRecordsEmptyOrRepeatedNamesAndNonUtf8AreRefused() {
        assertThat(List.of("a,b\n", "a,a\n1,2\n", "a,,c\n1,2,3\n", "")).allSatisfy(csv ->
                assertThatThrownBy(() -> tabular.read(bytes(csv), CSV))
                        .isInstanceOfSatisfying(IntakeRejectedException.class,
                                e -> assertThat(e.reason()).isEqualTo(RejectReason.UNPARSEABLE)));
        byte[] latin1 = "a\nK\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> tabular.read(latin1, CSV)).hasMessage("The payload is not UTF-8 text");
    }

    @Test
    void splitGivesOneSelfContainedPayloadPerRecord() {
        String csv = "\uFEFFid,note\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,plain\r\n";

        List<byte[]> parts = tabular.split(bytes(csv), CSV);

        assertThat(parts).hasSize(2);
        assertThat(tabular.read(parts.get(0), CSV)).containsExactly(Map.of("id", "1", "note", "a, \"b\"\nc"));
        assertThat(tabular.read(parts.get(1), CSV)).containsExactly(Map.of("id", "2", "note", "plain"));
        assertThat(new String(parts.get(1), StandardCharsets.UTF_8)).isEqualTo("id,note\r\n2,plain\r\n");
    }

    @Test
    void splitKeepsABadRecordForItsOwnRefusal() {
        List<byte[]> parts = tabular.split(bytes("a,b\n1,2\n3\n"), CSV);

        assertThat(parts).hasSize(2);
        assertThatThrownBy(() -> tabular.read(parts.get(1), CSV)).isInstanceOf(IntakeRejectedException.class);
    }

    @Test
    void fixedWidthColumnsAreCutByPositionAndTrimmed() {
        Source layout = source("fixed-width", null, "orderId:1-10, status:11-18,changedAt:19-37");
        String text = "SO-1      SHIPPED 2025-04-02 10:30:00\r\n\r\nSO-22     NEW     2025-04-03 08:00\n";

        List<Map<String, String>> records = tabular.read(bytes(text), layout);

        assertThat(records).containsExactly(
                Map.of("orderId", "SO-1", "status", "SHIPPED", "changedAt", "2025-04-02 10:30:00"),
                Map.of("orderId", "SO-22", "status", "NEW", "changedAt", "2025-04-03 08:00"));
        assertThat(tabular.split(bytes(text), layout)).hasSize(2);
    }

    @Test
    void shortFixedWidthLineGivesEmptyValues() {
        Source layout = source("fixed-width", null, "orderId:1-4,status:5-12");

        assertThat(tabular.read(bytes("SO-9\n"), layout)).containsExactly(Map.of("orderId", "SO-9", "status", ""));
    }

    @Test
    void badColumnLayoutOrFormatIsAConfigurationError() {
        assertThat(List.of("orderId", "orderId:0-4", "orderId:5-4", ":1-4", "a:1-x")).allSatisfy(columns ->
                assertThatThrownBy(() -> tabular.read(bytes("x\n"), source("fixed-width", null, columns)))
                        .isInstanceOf(IllegalStateException.class));
        assertThatThrownBy(() -> TabularPayloads.handles(source("excel", null, null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(TabularPayloads.handles(source(null, null, null))).isFalse();
    }
}
