package io.herald.config;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DESIGN.md's "Who may call what" for the APIs, on the real {@link SecurityConfiguration} with the login on (the prod
 * profile's setting): stand-in endpoints at every API path, so what answers is the security chain alone.
 */
@WebMvcTest(controllers = ApiSecurityTest.StandInApis.class, properties = {
        "herald.kafka.embedded.enabled=false",
        "herald.mail.local-sink.enabled=false",
        "spring.security.user.name=operator",
        "spring.security.user.password=console-secret-5e1",
        "spring.security.user.roles=admin",
        "herald.security.console-login-required=true",
        "herald.security.api-token=back-end-token-7f3"})
@Import({SecurityConfiguration.class, ApiSecurityTest.StandInApis.class})
class ApiSecurityTest {

    private static final String TOKEN = "back-end-token-7f3";

    @Autowired
    MockMvc mvc;

    /**
     * Every protected API: notifications with their retry and reconciliation, shipments, orders, preferences, KPIs,
     * preview, intake failures, dry run, source settings.
     */
    static Stream<Arguments> protectedApis() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/notifications"),
                Arguments.of(HttpMethod.POST, "/api/v1/notifications/N-1/retry"),
                Arguments.of(HttpMethod.POST, "/api/v1/notifications/retry"),
                Arguments.of(HttpMethod.POST, "/api/v1/notifications/N-1/reconcile"),
                Arguments.of(HttpMethod.GET, "/api/v1/shipments/ups/1Z999AA10123456784"),
                Arguments.of(HttpMethod.GET, "/api/v1/orders/SO-1"),
                Arguments.of(HttpMethod.GET, "/api/v1/customers/C-1/preferences"),
                Arguments.of(HttpMethod.PUT, "/api/v1/customers/C-1/preferences"),
                Arguments.of(HttpMethod.DELETE, "/api/v1/customers/C-1"),
                Arguments.of(HttpMethod.GET, "/api/v1/customers/C-1/suppressions"),
                Arguments.of(HttpMethod.DELETE, "/api/v1/customers/C-1/suppressions/email"),
                Arguments.of(HttpMethod.GET, "/api/v1/kpis"),
                Arguments.of(HttpMethod.POST, "/api/v1/templates/preview"),
                Arguments.of(HttpMethod.GET, "/api/v1/intake-failures"),
                Arguments.of(HttpMethod.POST, "/api/v1/intake-failures/7/replay"),
                Arguments.of(HttpMethod.POST, "/api/v1/normalize/easypost"),
                Arguments.of(HttpMethod.GET, "/api/v1/sources"),
                Arguments.of(HttpMethod.GET, "/api/v1/sources/acme-parcel"),
                Arguments.of(HttpMethod.GET, "/api/v1/some-future-api"));
    }

    private static MockHttpServletRequestBuilder call(HttpMethod method, String path) {
        return request(method, path).contentType(MediaType.APPLICATION_JSON).content("{}");
    }

    private static MockHttpServletRequestBuilder withBasic(MockHttpServletRequestBuilder request, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString(("operator:" + password).getBytes(StandardCharsets.UTF_8));
        return request.header(HttpHeaders.AUTHORIZATION, "Basic " + credentials);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protectedApis")
    void newApisRefuseAnonymousCallersWithLoginOn(HttpMethod method, String path) throws Exception {
        mvc.perform(call(method, path)).andExpect(status().isUnauthorized())
                .andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE));
        // a browser is not sent to a login form either
        mvc.perform(call(method, path).accept(MediaType.TEXT_HTML)).andExpect(status().isUnauthorized());
        mvc.perform(call(method, path).header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token"))
                .andExpect(status().isUnauthorized());
        mvc.perform(withBasic(call(method, path), "not-the-password")).andExpect(status().isUnauthorized());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protectedApis")
    void operatorLoginOrTheBackEndsTokenPasses(HttpMethod method, String path) throws Exception {
        String answer = method.name() + " " + path;
        mvc.perform(withBasic(call(method, path), "console-secret-5e1"))
                .andExpect(status().isOk()).andExpect(content().string(answer));
        mvc.perform(call(method, path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
                .andExpect(status().isOk()).andExpect(content().string(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/intake/easypost", "/api/v1/intake/oms", "/api/v1/sms/inbound",
            "/api/v1/sms/status"})
    void webhooksStayReachableWithoutLogin(String path) throws Exception {
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk()).andExpect(content().string("POST " + path));
    }

    @Test
    void theBackEndsTokenOpensNeitherTheConsoleNorTheOutbox() throws Exception {
        for (String path : new String[] {"/actuator/jolokia/x", "/outbox"}) {
            mvc.perform(get(path).accept(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION,
                    "Bearer " + TOKEN)).andExpect(status().isUnauthorized());
        }
    }

    /** Stand-ins answering with their method and path. A {@code @TestComponent}, out of the application's scan. */
    @RestController
    @TestComponent
    static class StandInApis {

        @RequestMapping({"/api/v1/notifications", "/api/v1/notifications/**", "/api/v1/shipments/**",
                "/api/v1/orders/**",
                "/api/v1/customers/**", "/api/v1/kpis", "/api/v1/templates/**", "/api/v1/intake-failures",
                "/api/v1/intake-failures/**", "/api/v1/normalize/**", "/api/v1/sources", "/api/v1/sources/**",
                "/api/v1/some-future-api",
                "/api/v1/intake/**", "/api/v1/sms/**", "/actuator/jolokia/x", "/outbox"})
        String answer(HttpServletRequest request) {
            return request.getMethod() + " " + request.getRequestURI();
        }
    }
}
