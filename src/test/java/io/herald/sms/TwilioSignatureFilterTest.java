package io.herald.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TwilioSignatureFilterTest {

    private static final String BASE = "https://herald.example.com";
    private final TwilioSignatures signatures = new TwilioSignatures("filter-test-token");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TwilioSignatureFilter filter = new TwilioSignatureFilter(signatures, BASE + "/", registry);

    /** A status callback as Twilio posts it: the attempt id in the query, the status in the form body. */
    private static MockHttpServletRequest callback() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/sms/status");
        request.setServerName("10.0.0.7");
        request.setServerPort(8080);
        request.setQueryString("n=attempt-1");
        request.addParameter("n", "attempt-1");
        request.addParameter("MessageSid", "SM00000000000000000000000000000001");
        request.addParameter("MessageStatus", "delivered");
        return request;
    }

    @Test
    void signatureOverThePublicUrlAndTheFormBodyPasses() throws Exception {
        MockHttpServletRequest request = callback();
        request.addHeader("X-Twilio-Signature", signatures.sign(BASE + "/api/v1/sms/status?n=attempt-1",
                Map.of("MessageSid", "SM00000000000000000000000000000001", "MessageStatus", "delivered")));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(registry.counter("herald.sms.signature.refused").count()).isZero();
    }

    @Test
    void forgedTwilioSignatureRefused() throws Exception {
        MockHttpServletRequest request = callback();
        // signed for the address the server sees, not the public one Twilio called
        request.addHeader("X-Twilio-Signature", signatures.sign("http://10.0.0.7:8080/api/v1/sms/status?n=attempt-1",
                Map.of("MessageSid", "SM00000000000000000000000000000001", "MessageStatus", "delivered")));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).doesNotContain("SM0000", "delivered");
        assertThat(registry.counter("herald.sms.signature.refused").count()).isEqualTo(1);
    }

    @Test
    void missingSignatureRefused() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(callback(), response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(registry.counter("herald.sms.signature.refused").count()).isEqualTo(1);
    }

    @Test
    void withoutAPublicBaseUrlTheRequestsOwnUrlIsSigned() throws Exception {
        TwilioSignatureFilter local = new TwilioSignatureFilter(signatures, "", registry);
        MockHttpServletRequest request = callback();
        request.addHeader("X-Twilio-Signature", signatures.sign("http://10.0.0.7:8080/api/v1/sms/status?n=attempt-1",
                Map.of("MessageSid", "SM00000000000000000000000000000001", "MessageStatus", "delivered")));
        MockFilterChain chain = new MockFilterChain();

        local.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }
}
