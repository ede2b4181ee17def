package io.herald.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsmTextTakesOneSegmentUpTo160Characters() {
        assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments("GSM-7", 160, 1));
        assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments("GSM-7", 161, 2));
    }

    @Test
    void longerGsmTextIsSplitIn153SeptetParts() {
        assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwoSeptets() {
        assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments("GSM-7", 160, 1));
        assertThat(SmsSegments.of("[]".repeat(40) + "{").units()).isEqualTo(162);
    }

    @Test
    void escapedCharacterIsNeverSplitAcrossParts() {
        // 306 septets would be two parts of 153, but the euro sign cannot straddle the first part's end
        String text = "a".repeat(152) + "€" + "a".repeat(152);
        assertThat(SmsSegments.of(text)).isEqualTo(new SmsSegments("GSM-7", 306, 3));
    }

    @Test
    void germanUmlautsAndSpanishEnyeStayGsm() {
        assertThat(SmsSegments.of("Grüße aus Köln, Mañana, Ça va, é è à ù").encoding()).isEqualTo("GSM-7");
    }

    @Test
    void oneCharacterOutsideGsmMakesTheWholeTextUcs2() {
        assertThat(SmsSegments.of("a".repeat(69) + "á")).isEqualTo(new SmsSegments("UCS-2", 70, 1));
        assertThat(SmsSegments.of("a".repeat(70) + "ç")).isEqualTo(new SmsSegments("UCS-2", 71, 2));
        assertThat(SmsSegments.of("It’s here").encoding()).isEqualTo("UCS-2");
        assertThat(SmsSegments.of("a".repeat(134) + "ê").segments()).isEqualTo(3);
    }

    @Test
    void surrogatePairIsNeverSplitAcrossParts() {
        // 134 units would be two parts of 67, but the emoji (two units) cannot straddle the first part's end
        String text = "a".repeat(66) + "📦" + "a".repeat(66);
        assertThat(SmsSegments.of(text)).isEqualTo(new SmsSegments("UCS-2", 134, 3));
    }

    @Test
    void emptyTextTakesNoSegment() {
        assertThat(SmsSegments.of("").segments()).isZero();
    }
}
