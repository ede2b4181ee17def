package io.herald.ops;

import io.herald.intake.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code /api/v1/intake/**} with 503 problem+json and {@code Retry-After} while the intake routes are not
 * started (Herald is starting, or shutting down), so that a sender retries instead of taking Tomcat's 404 as final.
 * It runs before Spring Security: nothing is read from the request, and nothing is accepted.
 */
class IntakeStartingFilter extends OncePerRequestFilter {

    static final String INTAKE_PATH = "/api/v1/intake/";
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String BODY = "{\"type\":\"https://herald.dev/problems/unavailable\","
            + "\"title\":\"Service unavailable\",\"status\":503,"
            + "\"detail\":\"Herald is starting or stopping; nothing was accepted. Retry later.\"}";

    private final IntakeReadiness readiness;

    IntakeStartingFilter(IntakeReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + INTAKE_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (readiness.intakeStarted()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setContentType(Problems.PROBLEM_JSON);
        response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<IntakeStartingFilter> intakeStartingFilter(IntakeReadiness readiness) {
            FilterRegistrationBean<IntakeStartingFilter> registration =
                    new FilterRegistrationBean<>(new IntakeStartingFilter(readiness));
            registration.addUrlPatterns(INTAKE_PATH + "*");
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
            return registration;
        }
    }
}
