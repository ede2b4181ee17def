package io.herald.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignaturesTest {

    private static final String TOKEN = "feedback-test-token";
    private static final String URL =
            "https://herald.example.com/api/v1/sms/status?n=7d3c6a1e-55b1-4f5e-9a0c-2b8e4f6a9d10";

    /** A status callback's parameters, given out of order: the signature sorts them by name. */
    private static Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageStatus", "undelivered");
        params.put("MessageSid", "SM1f0e2d3c4b5a69788796a5b4c3d2e1f0");
        params.put("ErrorCode", "30003");
        params.put("AccountSid", "AC00000000000000000000000000000009");
        return params;
    }

    @Test
    void signsTheUrlAndTheSortedParametersAsAnIndependentHmacDoes() {
        // computed outside Java: printf '%s' "<url>AccountSid...ErrorCode30003MessageSid...MessageStatusundelivered"
        //   | openssl dgst -sha1 -hmac feedback-test-token -binary | base64
        assertThat(new TwilioSignatures(TOKEN).sign(URL, params())).isEqualTo("FGUzPnYdQ7nvm/KrCA/iUxf/O5E=");
    }

    @Test
    void agreesWithTwilioSdksOwnValidator() {
        String signature = new TwilioSignatures(TOKEN).sign(URL, params());
        assertThat(new RequestValidator(TOKEN).validate(URL, params(), signature)).isTrue();
    }

    @Test
    void rightSignatureIsValid() {
        TwilioSignatures signatures = new TwilioSignatures(TOKEN);
        assertThat(signatures.valid(URL, params(), "FGUzPnYdQ7nvm/KrCA/iUxf/O5E=")).isTrue();
    }

    @Test
    void changedParameterUrlOrTokenIsRefused() {
        TwilioSignatures signatures = new TwilioSignatures(TOKEN);
        String signature = signatures.sign(URL, params());
        Map<String, String> changed = params();
        changed.put("MessageStatus", "delivered");
        assertThat(signatures.valid(URL, changed, signature)).isFalse();
        assertThat(signatures.valid(URL.replace("n=7", "n=8"), params(), signature)).isFalse();
        assertThat(new TwilioSignatures("another-token").valid(URL, params(), signature)).isFalse();
    }

    @Test
    void missingSignatureIsRefused() {
        TwilioSignatures signatures = new TwilioSignatures(TOKEN);
        assertThat(signatures.valid(URL, params(), null)).isFalse();
        assertThat(signatures.valid(URL, params(), "")).isFalse();
    }

    @Test
    void withoutATokenOnlyThisRunsOwnSignaturesHold() {
        TwilioSignatures generated = new TwilioSignatures("");
        assertThat(generated.valid(URL, params(), generated.sign(URL, params()))).isTrue();
        assertThat(generated.valid(URL, params(), new TwilioSignatures("").sign(URL, params()))).isFalse();
        assertThat(generated.valid(URL, params(), new TwilioSignatures(TOKEN).sign(URL, params()))).isFalse();
    }
}
