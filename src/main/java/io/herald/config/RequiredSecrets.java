package io.herald.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Fails the start of the {@code prod} profile, before anything connects anywhere, when a required setting is missing.
 * It names every missing one by the environment variable that supplies it, and never prints a value.
 *
 * <p>A setting counts as present when its property (as application-prod.yaml maps it) resolves to a non-blank value;
 * an unresolvable placeholder or a blank value counts as missing. So a property given some other way, such as a
 * command-line argument, satisfies the check too.
 */
public class RequiredSecrets implements EnvironmentPostProcessor, Ordered {

    /** The profile whose start this check guards. */
    public static final String PROFILE = "prod";

    /** What the prod profile needs: the environment variable, and the property application-prod.yaml binds it to. */
    public static final List<Requirement> REQUIRED = List.of(
            new Requirement("KAFKA_BOOTSTRAP_SERVERS", "herald.kafka.bootstrap-servers"),
            new Requirement("HERALD_DB_URL", "spring.datasource.url"),
            new Requirement("HERALD_DB_USER", "spring.datasource.username"),
            new Requirement("HERALD_DB_PASSWORD", "spring.datasource.password"),
            new Requirement("SMTP_HOST", "herald.channels.email.smtp-host"),
            new Requirement("TWILIO_ACCOUNT_SID", "herald.channels.sms.twilio.account-sid"),
            new Requirement("TWILIO_AUTH_TOKEN", "herald.channels.sms.twilio.auth-token"),
            new Requirement("TWILIO_FROM_NUMBER", "herald.notifications.sms-from"),
            new Requirement("HERALD_ADMIN_PASSWORD", "spring.security.user.password"),
            new Requirement("HERALD_LINK_SECRET", "herald.links.secret"),
            new Requirement("HERALD_PUBLIC_BASE_URL", "herald.public-base-url"));

    /**
     * What each carrier that is polled (herald.polling.carriers.&lt;id&gt;.enabled, and not push) needs: its OAuth client
     * (UPS, FedEx, USPS) or its API key (DHL).
     */
    public static final Map<String, List<Requirement>> POLLED_CARRIERS = pollingRequirements();

    private static Map<String, List<Requirement>> pollingRequirements() {
        Map<String, List<Requirement>> carriers = new LinkedHashMap<>();
        for (String carrier : List.of("ups", "fedex", "usps")) {
            String upper = carrier.toUpperCase(Locale.ROOT);
            carriers.put(carrier, List.of(
                    new Requirement("HERALD_POLLING_" + upper + "_CLIENT_ID",
                            "herald.polling.carriers." + carrier + ".client-id"),
                    new Requirement("HERALD_POLLING_" + upper + "_CLIENT_SECRET",
                            "herald.polling.carriers." + carrier + ".client-secret")));
        }
        carriers.put("dhl", List.of(new Requirement("HERALD_POLLING_DHL_API_KEY", "herald.polling.carriers.dhl.api-key")));
        return Collections.unmodifiableMap(carriers);
    }

    /**
     * @param environmentVariable the name an operator sets, and the only name the failure message shows
     * @param property            the property that must resolve to a non-blank value
     */
    public record Requirement(String environmentVariable, String property) {
    }

    /** After application.yaml and the profile files have been read, before the embedded services start. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    /** Throws {@link MissingRequiredSettingsException} when the prod profile is active and settings are missing. */
    public static void check(Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new MissingRequiredSettingsException(missing);
        }
    }

    /**
     * The environment variables of the settings that are missing, in the order of {@link #REQUIRED}, then those of
     * the polled carriers.
     */
    public static List<String> missing(Environment environment) {
        List<Requirement> required = new ArrayList<>(REQUIRED);
        POLLED_CARRIERS.forEach((carrier, requirements) -> {
            String prefix = "herald.polling.carriers." + carrier;
            if (isTrue(environment, prefix + ".enabled") && !isTrue(environment, prefix + ".push")) {
                required.addAll(requirements);
            }
        });
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : required) {
            if (!isPresent(environment, requirement.property())) {
                missing.add(requirement.environmentVariable());
            }
        }
        return missing;
    }

    private static boolean isTrue(Environment environment, String property) {
        try {
            return "true".equalsIgnoreCase(environment.getProperty(property, "false").trim());
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return false;
        }
    }

    private static boolean isPresent(Environment environment, String property) {
        try {
            String value = environment.getProperty(property);
            return value != null && !value.isBlank();
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            // its message can quote the raw value around the placeholder; it is dropped, never logged
            return false;
        }
    }

    /** The start failed because settings the prod profile needs are missing. Carries names only, never values. */
    public static class MissingRequiredSettingsException extends IllegalStateException {

        private final List<String> environmentVariables;

        public MissingRequiredSettingsException(List<String> environmentVariables) {
            super("The '" + PROFILE + "' profile cannot start: required settings are missing. Set these environment"
                    + " variables: " + String.join(", ", environmentVariables));
            this.environmentVariables = List.copyOf(environmentVariables);
        }

        /** The environment variables to set, in the order of {@link RequiredSecrets#REQUIRED}. */
        public List<String> environmentVariables() {
            return environmentVariables;
        }
    }
}
