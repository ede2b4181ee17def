package io.herald.config;

import io.herald.config.RequiredSecrets.MissingRequiredSettingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing prod setting into Spring Boot's "APPLICATION FAILED TO START" report, names only. */
public class RequiredSecretsFailureAnalyzer extends AbstractFailureAnalyzer<MissingRequiredSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingRequiredSettingsException cause) {
        String description = "The '" + RequiredSecrets.PROFILE + "' profile is active, but these required settings"
                + " are missing or blank: " + String.join(", ", cause.environmentVariables()) + ".";
        String action = "Set the environment variables " + String.join(", ", cause.environmentVariables())
                + " (docker-compose.yml lists them all), or start without the '" + RequiredSecrets.PROFILE
                + "' profile to use the embedded services.";
        return new FailureAnalysis(description, action, cause);
    }
}
