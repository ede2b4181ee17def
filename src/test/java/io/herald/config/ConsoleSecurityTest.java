package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.test.context.TestComponent;

/**
 * The production rule "Hawtio and Jolokia need a login" and the paths that stay open, on the real
 * {@link SecurityConfiguration} in a web slice: stand-in endpoints at the console, API and health paths, no Kafka, no
 * Camel, no database.
 */
@WebMvcTest(controllers = ConsoleSecurityTest.StandInEndpoints.class, properties = {
        "herald.kafka.embedded.enabled=false",
        "herald.mail.local-sink.enabled=false",
        "spring.security.user.name=operator",
        "spring.security.user.password=console-secret-5e1",
        "spring.security.user.roles=admin",
        "herald.security.console-login-required=false"})
@Import({SecurityConfiguration.class, ConsoleSecurityTest.StandInEndpoints.class})
class ConsoleSecurityTest {

    private static final String USER = "operator";
    private static final String PASSWORD = "console-secret-5e1";

    /** HTTP basic credentials, as a Jolokia client or curl sends them. */
    private static RequestPostProcessor httpBasic(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + token);
            return request;
        };
    }

    @Nested
    @TestPropertySource(properties = "herald.security.console-login-required=true")
    class WhenConsoleLoginIsRequired {

        @Autowired
        MockMvc mvc;

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/hawtio/x", "/actuator/jolokia/x"})
        void consoleWithoutCredentialsIsRefused(String path) throws Exception {
            mvc.perform(get(path).accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
        }

        @Test
        void browserOpeningHawtioWithoutLoginIsSentToTheLoginForm() throws Exception {
            mvc.perform(get("/actuator/hawtio/x").accept(MediaType.TEXT_HTML))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrlPattern("**/login"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/hawtio/x", "/actuator/jolokia/x"})
        void consoleWithBasicAuthAnswers(String path) throws Exception {
            mvc.perform(get(path).with(httpBasic(USER, PASSWORD)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(path));
        }

        @Test
        void consoleWithWrongPasswordIsRefused() throws Exception {
            mvc.perform(get("/actuator/jolokia/x").with(httpBasic(USER, "not-the-password")))
                    .andExpect(status().isUnauthorized());
        }

        @Test
        void jolokiaPostNeedsTheCsrfTokenTheConsoleCopiesFromItsCookie() throws Exception {
            mvc.perform(post("/actuator/jolokia/x").with(httpBasic(USER, PASSWORD)))
                    .andExpect(status().isForbidden());

            MvcResult page = mvc.perform(get("/actuator/hawtio/x").with(httpBasic(USER, PASSWORD)))
                    .andExpect(status().isOk()).andReturn();
            Cookie token = page.getResponse().getCookie("XSRF-TOKEN");
            assertThat(token).as("XSRF-TOKEN cookie").isNotNull();
            mvc.perform(post("/actuator/jolokia/x").with(httpBasic(USER, PASSWORD))
                            .cookie(token).header("X-XSRF-TOKEN", token.getValue()))
                    .andExpect(status().isOk())
                    .andExpect(content().string("POST /actuator/jolokia/x"));
        }

        @Test
        void otherActuatorEndpointsNeedALoginToo() throws Exception {
            mvc.perform(get("/actuator/metrics").accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isUnauthorized());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/v1/intake/x", "/actuator/health", "/actuator/prometheus"})
        void webhooksHealthAndPrometheusStayOpen(String path) throws Exception {
            mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(path));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/outbox", "/api/v1/notifications"})
        void operatorViewsWithCustomerContactsNeedALogin(String path) throws Exception {
            mvc.perform(get(path).accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
            mvc.perform(get(path).with(httpBasic(USER, PASSWORD))).andExpect(status().isOk())
                    .andExpect(content().string(path));
        }

        @Test
        void webhookPostNeedsNeitherLoginNorCsrfToken() throws Exception {
            mvc.perform(post("/api/v1/intake/x")).andExpect(status().isOk())
                    .andExpect(content().string("POST /api/v1/intake/x"));
        }
    }

    /** The default run's setting, from the class's properties; shares the outer class's context. */
    @Nested
    class WhenConsoleLoginIsNotRequired {

        @Autowired
        MockMvc mvc;

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/hawtio/x", "/actuator/jolokia/x", "/actuator/metrics",
                "/api/v1/intake/x", "/actuator/health", "/outbox", "/api/v1/notifications"})
        void everythingIsOpenWithoutCredentials(String path) throws Exception {
            mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isOk()).andExpect(content().string(path));
        }

        @Test
        void jolokiaPostNeedsNoCsrfToken() throws Exception {
            mvc.perform(post("/actuator/jolokia/x")).andExpect(status().isOk())
                    .andExpect(content().string("POST /actuator/jolokia/x"));
        }
    }

    /**
     * Stand-ins for Hawtio, Jolokia, actuator, API and outbox endpoints: each answers with its own path. A
     * {@code @TestComponent}, so the whole-application tests' component scan leaves it out.
     */
    @RestController
    @TestComponent
    static class StandInEndpoints {

        @GetMapping({"/actuator/hawtio/x", "/actuator/jolokia/x", "/actuator/metrics", "/actuator/health",
                "/actuator/prometheus", "/api/v1/intake/x", "/outbox", "/api/v1/notifications"})
        String get(HttpServletRequest request) {
            return request.getRequestURI();
        }

        @PostMapping({"/actuator/jolokia/x", "/api/v1/intake/x"})
        String post(HttpServletRequest request) {
            return "POST " + request.getRequestURI();
        }
    }
}
