package io.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.normalize.MappingRegistry;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * DESIGN.md's "Who may call what" with the login on, in the default profile and in the prod profile: every endpoint
 * the running application serves is found (Spring MVC's handler mappings, the actuator's endpoints, the servlets
 * such as Hawtio's and Jolokia's, Camel's platform-http endpoints) and called over HTTP without credentials. Only
 * health and prometheus answer; everything else, the intake of every source included (no signature, no key), refuses
 * with 401 or 403. An endpoint added later is found the same way, so it is refused or this test fails.
 *
 * <p>Each profile is its own application, without Kafka: nothing here reaches the broker, whose address is a closed
 * port, since every call is refused before it would publish.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.console-login-required=true",
        "herald.security.api-token=back-end-token-e41",
        "spring.security.user.name=operator",
        "spring.security.user.password=console-secret-9c2",
        "herald.sources.crm.secret=crm-api-key-e41",
        "herald.kafka.embedded.enabled=false",
        "herald.kafka.bootstrap-servers=127.0.0.1:9",
        "herald.mail.local-sink.enabled=false",
        "herald.channels.email.uri=smtp://127.0.0.1:9",
        "spring.datasource.url=jdbc:h2:mem:herald-every-endpoint;DB_CLOSE_DELAY=-1",
        "herald.data-dir=target/it-data-every-endpoint",
        "herald.inbox.root=target/it-inbox-every-endpoint",
        // the Kafka clients retry the closed port quietly, and nothing is in flight when the context closes
        "logging.level.org.apache.kafka=ERROR",
        "camel.main.shutdown-timeout=5",
        "spring.lifecycle.timeout-per-shutdown-phase=5s"})
class EveryEndpointIT {

    /** The paths the table leaves open. */
    private static boolean open(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/prometheus")
                || path.equals("/track") || path.startsWith("/track/") || path.startsWith("/preferences/")
                || emailLink(path);
    }

    /** One-click unsubscribe, the open pixel and the click redirect: the signed token alone. */
    private static boolean emailLink(String path) {
        return path.startsWith("/u/") || path.startsWith("/o/") || path.startsWith("/c/");
    }

    /** With the login on in the default profile, as a run listening beyond loopback has it. */
    @Nested
    class DefaultProfile extends CallsWithLoginOn {
    }

    /** The prod profile with its required settings, on H2 and without Kafka, SMTP or Twilio behind them. */
    @Nested
    @ActiveProfiles("prod")
    @TestPropertySource(properties = {
            "spring.datasource.url=jdbc:h2:mem:herald-every-endpoint-prod;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=herald",
            "spring.datasource.password=db-secret-e41",
            "herald.channels.email.smtp-host=127.0.0.1",
            "herald.channels.sms.twilio.account-sid=AC00000000000000000000000000000e41",
            "herald.channels.sms.twilio.auth-token=twilio-secret-e41",
            "herald.channels.sms.twilio.base-url=http://127.0.0.1:9",
            "herald.notifications.sms-from=+15005550006",
            "herald.links.secret=every-endpoint-link-secret",
            "herald.public-base-url=https://herald.example.com"})
    class ProdProfile extends CallsWithLoginOn {
    }

    /** One call: a method on a path, and where the endpoint was found. */
    record Call(String method, String path, String foundIn) {
    }

    /** Each profile's application is closed after its class: the shared contexts of the other ITs need no more. */
    @DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
    abstract static class CallsWithLoginOn {

        private static final Duration WAIT = Duration.ofSeconds(60);
        private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
        private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

        @LocalServerPort
        int port;

        @Autowired
        WebApplicationContext context;

        @Autowired
        CamelContext camel;

        @Autowired
        MappingRegistry mappings;

        @Autowired
        PathMappedEndpoints actuator;

        @Autowired
        HealthEndpointGroups healthGroups;

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ObjectMapper json = new ObjectMapper();

        @Test
        void everyEndpointRefusesAnonymousCallersWithLoginOn() throws Exception {
            // the intake answers 503 until its routes are started, whoever calls
            await().atMost(WAIT).until(() -> send("GET", "/actuator/health/readiness").statusCode() == 200);
            List<Call> calls = everyEndpoint();
            assertThat(calls).extracting(Call::path).as("the enumeration finds the endpoints known today").contains(
                    "/api/v1/notifications", "/api/v1/customers/x/preferences", "/api/v1/normalize/x",
                    "/api/v1/intake/oms", "/api/v1/intake/crm", "/outbox", "/actuator/info", "/actuator/metrics",
                    "/actuator/camelroutes", "/actuator/health", "/actuator/health/readiness",
                    "/actuator/health/liveness", "/actuator/prometheus", "/u/x", "/o/x.gif", "/c/x",
                    "/track", "/track/x", "/preferences/x");
            assertThat(calls).extracting(Call::path).as("the delivery feedback webhooks, which check their own "
                    + "signatures").contains("/api/v1/sms/status", "/api/v1/email/events/mailgun");
            assertThat(calls).extracting(Call::path).as("Hawtio and Jolokia")
                    .anyMatch(path -> path.startsWith("/actuator/hawtio"))
                    .anyMatch(path -> path.startsWith("/actuator/jolokia"));

            List<String> wrong = new ArrayList<>();
            for (Call call : calls) {
                HttpResponse<String> answer;
                try {
                    answer = send(call.method(), call.path());
                } catch (HttpTimeoutException taken) {
                    // an intake that took the call waits for the broker, which is not there
                    wrong.add(call + " was taken without credentials: no answer within " + ANSWER_WITHIN);
                    continue;
                }
                int status = answer.statusCode();
                boolean refused = status == 401 || status == 403;
                if (open(call.path())) {
                    if (refused) {
                        wrong.add(call + " is open in the table but answered " + status);
                    } else if (emailLink(call.path()) && (status != 404 || answer.headers().firstValue("Set-Cookie")
                            .isPresent())) {
                        wrong.add(call + " with a token that is none answered " + status + ", or set a cookie");
                    } else if (call.path().startsWith("/actuator/health") && status != 404 && shows(answer)) {
                        wrong.add(call + " shows components or details without the login: " + answer.body());
                    }
                } else if (!refused) {
                    wrong.add(call + " answered " + status + " without credentials");
                }
            }
            assertThat(wrong).as("of %d calls", calls.size()).isEmpty();
        }

        @Test
        void operatorLoginStillSeesHealthsComponents() throws Exception {
            String credentials = Base64.getEncoder().encodeToString("operator:console-secret-9c2".getBytes(UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .header("Accept", "application/json").header("Authorization", "Basic " + credentials).build();
            JsonNode health = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.path("components").path("db").path("details").path("database").asText())
                    .isEqualTo("H2");
        }

        private boolean shows(HttpResponse<String> answer) throws IOException {
            JsonNode body = json.readTree(answer.body());
            return body.has("components") || body.has("details");
        }

        /** Every method and path the application serves, path variables and wildcards filled in. */
        private List<Call> everyEndpoint() {
            Set<Call> calls = new TreeSet<>(Comparator.comparing(Call::path).thenComparing(Call::method));
            for (var mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).entrySet()) {
                mapping.getValue().getHandlerMethods().keySet().forEach(info -> {
                    Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                    Stream<String> methods = declared.isEmpty() ? Stream.of("GET", "POST")
                            : declared.stream().map(RequestMethod::name).filter(METHODS::contains);
                    methods.forEach(method -> info.getPatternValues().forEach(pattern ->
                            add(calls, method, pattern, mapping.getKey())));
                });
            }
            for (var mapping : context.getBeansOfType(AbstractUrlHandlerMapping.class).entrySet()) {
                mapping.getValue().getHandlerMap().keySet().forEach(pattern ->
                        add(calls, "GET", pattern, mapping.getKey()));
            }
            for (ServletRegistration servlet : context.getServletContext().getServletRegistrations().values()) {
                for (String pattern : servlet.getMappings()) {
                    if (!pattern.equals("/")) {  // the dispatcher servlet, whose handlers are above
                        add(calls, "GET", pattern, servlet.getName());
                        add(calls, "POST", pattern, servlet.getName());
                    }
                }
            }
            actuator.getAllPaths().forEach(path -> add(calls, "GET", path, "actuator"));
            healthGroups.getNames().forEach(group -> add(calls, "GET", "/actuator/health/" + group, "health group"));
            camel.getEndpoints().stream().filter(PlatformHttpEndpoint.class::isInstance)
                    .map(PlatformHttpEndpoint.class::cast).forEach(endpoint -> {
                        String restrict = endpoint.getHttpMethodRestrict();
                        List<String> methods = restrict == null ? List.of("GET", "POST")
                                : List.of(restrict.split(","));
                        methods.forEach(method -> add(calls, method.trim(), endpoint.getPath(),
                                "camel " + endpoint.getEndpointUri()));
                    });
            return List.copyOf(calls);
        }

        /** The intake is called for every source with a mapping; other path variables and wildcards become x. */
        private void add(Set<Call> calls, String method, String pattern, String foundIn) {
            String path = pattern.startsWith("/") ? pattern : "/" + pattern;
            if (path.startsWith("/api/v1/intake/{")) {
                mappings.sources().forEach(source -> calls.add(new Call(method,
                        path.replaceFirst("\\{[^}]*}", source), foundIn)));
                return;
            }
            calls.add(new Call(method, path.replaceAll("\\{[^}]*}", "x").replace("**", "x").replace("*", "x"),
                    foundIn));
        }

        private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
            boolean withBody = !method.equals("GET") && !method.equals("DELETE");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(ANSWER_WITHIN)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}")
                            : HttpRequest.BodyPublishers.noBody())
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
