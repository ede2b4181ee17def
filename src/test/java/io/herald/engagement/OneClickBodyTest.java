package io.herald.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneClickBodyTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data; boundary=----b0undary";

    @Test
    void oneClickBodyIsTakenUrlencodedAndMultipart() {
        assertThat(OneClickBody.isOneClick(FORM, bytes("List-Unsubscribe=One-Click"))).isTrue();
        assertThat(OneClickBody.isOneClick(FORM + "; charset=UTF-8", bytes("List-Unsubscribe=One-Click\r\n")))
                .isTrue();
        assertThat(OneClickBody.isOneClick(MULTIPART, multipart("List-Unsubscribe", null, "One-Click"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "List-Unsubscribe=One-Click&more=1", "List-Unsubscribe=Yes", "Unsubscribe=One-Click",
            "List-Unsubscribe", "List-Unsubscribe=One-Click=1", "List-Unsubscribe=%zz"})
    void anyOtherUrlencodedBodyIsRefused(String body) {
        assertThat(OneClickBody.isOneClick(FORM, bytes(body))).isFalse();
    }

    @Test
    void anyOtherMultipartBodyOrContentTypeIsRefused() {
        assertThat(OneClickBody.isOneClick(MULTIPART, multipart("List-Unsubscribe", "a.txt", "One-Click")))
                .as("a file").isFalse();
        assertThat(OneClickBody.isOneClick(MULTIPART, multipart("Other", null, "One-Click"))).isFalse();
        assertThat(OneClickBody.isOneClick(MULTIPART, multipart("List-Unsubscribe", null, "No"))).isFalse();
        assertThat(OneClickBody.isOneClick(MULTIPART, bytes("not a multipart body"))).isFalse();
        assertThat(OneClickBody.isOneClick("application/json", bytes("{\"List-Unsubscribe\":\"One-Click\"}")))
                .isFalse();
        assertThat(OneClickBody.isOneClick(null, bytes("List-Unsubscribe=One-Click"))).isFalse();
        assertThat(OneClickBody.isOneClick(FORM, bytes("List-Unsubscribe=One-Click" + " ".repeat(5000))))
                .as("too large").isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] multipart(String name, String filename, String value) {
        return bytes("------b0undary\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n\r\n"
                + value + "\r\n------b0undary--\r\n");
    }
}
