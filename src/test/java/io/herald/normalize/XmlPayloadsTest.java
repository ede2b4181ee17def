package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlPayloadsTest {

    private final XmlPayloads xml = new XmlPayloads();

    @Test
    void xmlBecomesATreeUnderItsRootElementWithRepeatedElementsAsArrays() {
        Object tree = xml.read("""
                <TrackResponse><TrackInfo ID="9400111"><TrackDetail>one</TrackDetail><TrackDetail>two</TrackDetail>
                </TrackInfo></TrackResponse>""".getBytes(StandardCharsets.UTF_8));
        assertThat(tree).isInstanceOf(Map.class);
        Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) tree).get("TrackResponse")).get("TrackInfo");
        assertThat(info.get("ID")).isEqualTo("9400111");
        assertThat(info.get("TrackDetail")).isEqualTo(List.of("one", "two"));
    }

    @Test
    void externalEntityIsRefusedWithoutReadingIt() {
        byte[] attack = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <r>&x;</r>""".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> xml.read(attack)).isInstanceOf(IntakeRejectedException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("root:");
    }

    @Test
    void malformedXmlIsUnparseable() {
        assertThatThrownBy(() -> xml.read("<a><b></a>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNPARSEABLE));
    }

    @Test
    void onlyPayloadsStartingWithAnElementAreTakenForXml() {
        assertThat(XmlPayloads.looksLikeXml("  <a/>".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(XmlPayloads.looksLikeXml("{\"a\": \"<b>\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
