package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.herald.config.RequiredSecrets.MissingRequiredSettingsException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Drives the check against the real application.yaml and application-prod.yaml, with an environment made up in the
 * test in place of the process environment. No application context is started.
 */
class RequiredSecretsTest {

    private static final List<String> ALL_REQUIRED = List.of(
            "KAFKA_BOOTSTRAP_SERVERS", "HERALD_DB_URL", "HERALD_DB_USER", "HERALD_DB_PASSWORD", "SMTP_HOST",
            "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER", "HERALD_ADMIN_PASSWORD",
            "HERALD_LINK_SECRET", "HERALD_PUBLIC_BASE_URL");

    private static Map<String, Object> completeEnvironment() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        variables.put("HERALD_DB_URL", "jdbc:postgresql://postgres:5432/herald");
        variables.put("HERALD_DB_USER", "herald");
        variables.put("HERALD_DB_PASSWORD", "db-secret-7f3a");
        variables.put("SMTP_HOST", "mailpit");
        variables.put("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000001");
        variables.put("TWILIO_AUTH_TOKEN", "twilio-secret-91bc");
        variables.put("TWILIO_FROM_NUMBER", "+15005550006");
        variables.put("HERALD_ADMIN_PASSWORD", "admin-secret-44d0");
        variables.put("HERALD_LINK_SECRET", "link-secret-0c5e");
        variables.put("HERALD_PUBLIC_BASE_URL", "https://herald.example.com");
        return variables;
    }

    /** The two YAML files as Spring Boot would read them for the given profiles, and the given "process" variables. */
    private static StandardEnvironment environment(Map<String, Object> variables, String... profiles)
            throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("test-environment", variables));
        environment.setActiveProfiles(profiles);
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        if (List.of(profiles).contains("prod")) {
            for (PropertySource<?> source :
                    yaml.load("application-prod.yaml", new ClassPathResource("application-prod.yaml"))) {
                environment.getPropertySources().addLast(source);
            }
        }
        for (PropertySource<?> source : yaml.load("application.yaml", new ClassPathResource("application.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        return environment;
    }

    @Test
    void prodWithNothingSetFailsNamingEveryMissingVariable() throws IOException {
        StandardEnvironment environment = environment(Map.of(), "prod");

        MissingRequiredSettingsException failure = catchThrowableOfType(
                MissingRequiredSettingsException.class,
                () -> new RequiredSecrets().postProcessEnvironment(environment, new SpringApplication()));

        assertThat(failure).isNotNull();
        assertThat(failure.environmentVariables()).containsExactlyElementsOf(ALL_REQUIRED);
        assertThat(failure.getMessage()).contains(ALL_REQUIRED);
    }

    @Test
    void prodWithSomeSecretsSetNamesOnlyTheMissingOnesAndNeverAValue() throws IOException {
        Map<String, Object> variables = completeEnvironment();
        variables.remove("HERALD_DB_URL");
        variables.remove("TWILIO_FROM_NUMBER");
        variables.put("HERALD_ADMIN_PASSWORD", "   ");
        StandardEnvironment environment = environment(variables, "prod");

        MissingRequiredSettingsException failure = catchThrowableOfType(
                MissingRequiredSettingsException.class, () -> RequiredSecrets.check(environment));

        assertThat(failure).isNotNull();
        assertThat(failure.environmentVariables())
                .containsExactly("HERALD_DB_URL", "TWILIO_FROM_NUMBER", "HERALD_ADMIN_PASSWORD");
        FailureAnalysis analysis = new RequiredSecretsFailureAnalyzer().analyze(failure);
        for (String text : List.of(failure.getMessage(), analysis.getDescription(), analysis.getAction())) {
            assertThat(text).contains("HERALD_DB_URL", "TWILIO_FROM_NUMBER", "HERALD_ADMIN_PASSWORD");
            assertThat(text).doesNotContain("db-secret-7f3a", "twilio-secret-91bc", "AC00000000000000000000000000000001",
                    "kafka:9092", "jdbc:postgresql");
        }
    }

    @Test
    void prodWithEverythingSetPassesAndTheProfileSeesTheValues() throws IOException {
        StandardEnvironment environment = environment(completeEnvironment(), "prod");

        assertThatNoException().isThrownBy(() -> RequiredSecrets.check(environment));

        assertThat(environment.getProperty("herald.kafka.bootstrap-servers")).isEqualTo("kafka:9092");
        assertThat(environment.getProperty("herald.kafka.embedded.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://postgres:5432/herald");
        assertThat(environment.getProperty("herald.channels.email.uri"))
                .isEqualTo("smtp://mailpit:587?username={{?SMTP_USER}}&password=RAW()");
        assertThat(environment.getProperty("herald.channels.sms.twilio.base-url")).isEqualTo("https://api.twilio.com");
        assertThat(environment.getProperty("herald.notifications.sms-from")).isEqualTo("+15005550006");
        assertThat(environment.getProperty("herald.security.console-login-required")).isEqualTo("true");
    }

    @Test
    void withoutTheProdProfileNothingIsRequired() throws IOException {
        StandardEnvironment environment = environment(Map.of());

        assertThatNoException().isThrownBy(() -> RequiredSecrets.check(environment));
    }

    @Test
    void prodWithACarrierPolledButWithoutCredentialsFailsNamingItsVariables() throws IOException {
        Map<String, Object> variables = completeEnvironment();
        variables.put("HERALD_POLLING_UPS_ENABLED", "true");
        variables.put("HERALD_POLLING_UPS_CLIENT_ID", "ups-client");
        variables.put("HERALD_POLLING_DHL_ENABLED", "true");
        variables.put("HERALD_POLLING_FEDEX_ENABLED", "true");
        variables.put("HERALD_POLLING_FEDEX_PUSH", "true");
        StandardEnvironment environment = environment(variables, "prod");

        MissingRequiredSettingsException failure = catchThrowableOfType(
                MissingRequiredSettingsException.class,
                () -> new RequiredSecrets().postProcessEnvironment(environment, new SpringApplication()));

        assertThat(failure).isNotNull();
        assertThat(failure.environmentVariables()).as("FedEx pushes, so it needs no credentials")
                .containsExactly("HERALD_POLLING_UPS_CLIENT_SECRET", "HERALD_POLLING_DHL_API_KEY");
        assertThat(failure.getMessage()).doesNotContain("ups-client");
    }

    @Test
    void prodWithPolledCarriersAndTheirCredentialsStarts() throws IOException {
        Map<String, Object> variables = completeEnvironment();
        variables.put("HERALD_POLLING_USPS_ENABLED", "true");
        variables.put("HERALD_POLLING_USPS_CLIENT_ID", "usps-client");
        variables.put("HERALD_POLLING_USPS_CLIENT_SECRET", "usps-secret-1");
        StandardEnvironment environment = environment(variables, "prod");

        assertThatNoException().isThrownBy(
                () -> new RequiredSecrets().postProcessEnvironment(environment, new SpringApplication()));
    }
}
