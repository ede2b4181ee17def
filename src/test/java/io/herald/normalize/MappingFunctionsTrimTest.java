package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.dashjoin.jsonata.Functions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code $text}'s trimming, without JSONata's regular expression, gives what JSONata's {@code $trim} gives. */
class MappingFunctionsTrimTest {

    @Test
    void trimsAsJsonataDoes() {
        List<String> texts = List.of("", " ", "\t", "a", " a", "a ", "  a  b  ", "a\tb", "a \t\r\n b", "\r\na\n",
                "Leipzig", "DC  Leipzig", "a\u00a0b", " \u00a0 ", "x\n\ny");
        for (String text : texts) {
            assertThat(MappingFunctions.trim(text)).as("%s", text.replace("\t", "\\t").replace("\n", "\\n")
                    .replace("\r", "\\r")).isEqualTo(Functions.trim(text));
        }
    }

    @Test
    void trimsRandomTextAsJsonataDoes() {
        Random random = new Random(42);
        char[] alphabet = {' ', ' ', '\t', '\n', '\r', 'a', 'b', '\u00a0', '-'};
        for (int n = 0; n < 10_000; n++) {
            char[] text = new char[random.nextInt(8)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            assertThat(MappingFunctions.trim(s)).as("%s", s).isEqualTo(Functions.trim(s));
        }
    }

    @Test
    void textThatNeedsNoTrimmingIsNotCopied() {
        String text = "Handed over to UPS";
        assertThat(MappingFunctions.trim(text)).isSameAs(text);
    }
}
