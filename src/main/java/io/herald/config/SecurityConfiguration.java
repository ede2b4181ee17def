package io.herald.config;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /api/**}: webhooks and APIs, no login and no CSRF token; each intake checks its own signature or key.</li>
 *   <li>{@code /actuator/health/**}, {@code /actuator/info}, {@code /actuator/prometheus}: open.</li>
 *   <li>Operator views that show customers' data, {@code /outbox}, {@code /api/v1/notifications} and
 *   {@code /api/v1/intake-failures}: a login
 *   when the console needs one.</li>
 *   <li>The rest of {@code /actuator}: Hawtio ({@code /actuator/hawtio/**}), Jolokia ({@code /actuator/jolokia/**}),
 *   metrics and routes. When {@code herald.security.console-login-required} is true (the prod profile) they need a
 *   login, by the form at {@code /login} or by HTTP basic, as the user of {@code spring.security.user.*}. The
 *   Hawtio console sends Jolokia POSTs with the {@code X-XSRF-TOKEN} header it copies from the
 *   {@code XSRF-TOKEN} cookie, so the CSRF token lives in that cookie.</li>
 *   <li>Anything else (pages Herald serves to customers) is open; guard new operator pages under /actuator or add
 *   them here.</li>
 * </ul>
 * In the default run, where the property is false, everything is open and CSRF is off.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** Webhooks and APIs: neither a login nor a CSRF token. */
    static final RequestMatcher API = PATHS.matcher("/api/**");

    /** Operator views with customers' personal data. */
    static final RequestMatcher OPERATOR = new OrRequestMatcher(
            PATHS.matcher("/outbox"),
            PATHS.matcher("/outbox/**"),
            PATHS.matcher("/api/v1/notifications"),
            PATHS.matcher("/api/v1/notifications/**"),
            PATHS.matcher("/api/v1/intake-failures"),
            PATHS.matcher("/api/v1/intake-failures/**"));

    /** Open in every profile. */
    static final RequestMatcher OPEN = new OrRequestMatcher(
            PATHS.matcher("/actuator/health"),
            PATHS.matcher("/actuator/health/**"),
            PATHS.matcher("/actuator/info"),
            PATHS.matcher("/actuator/prometheus"));

    /** Hawtio, Jolokia and the other actuator endpoints. */
    static final RequestMatcher CONSOLE = PATHS.matcher("/actuator/**");

    @Bean
    SecurityFilterChain heraldSecurityFilterChain(
            HttpSecurity http,
            @Value("${herald.security.console-login-required:false}") boolean consoleLoginRequired) throws Exception {
        if (!consoleLoginRequired) {
            return http
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .build();
        }
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPERATOR).authenticated()
                        .requestMatchers(API).permitAll()
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(CONSOLE).authenticated()
                        .anyRequest().permitAll())
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf
                        .ignoringRequestMatchers(API)
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new ConsoleCsrfTokenRequestHandler()))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .build();
    }

    /**
     * Accepts the token as the console sends it, raw in the {@code X-XSRF-TOKEN} header, and keeps the BREACH-safe
     * masked form for tokens a server-rendered form (the login page) submits as a parameter.
     */
    static final class ConsoleCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

        private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();
        private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
            masked.handle(request, response, csrfToken);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
            boolean inHeader = StringUtils.hasText(request.getHeader(csrfToken.getHeaderName()));
            return (inHeader ? plain : masked).resolveCsrfTokenValue(request, csrfToken);
        }
    }

    /** Loads the deferred CSRF token on every request, so the {@code XSRF-TOKEN} cookie is there for the console. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
