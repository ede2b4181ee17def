package io.herald.config;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
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
 * Who may call what (DESIGN.md, "Who may call what"), when {@code herald.security.console-login-required} is true (the
 * prod profile):
 * <ul>
 *   <li>{@code /api/v1/intake/**}, {@code /api/v1/sms/**} and {@code /api/v1/email/events/**}: webhooks, open; each
 *   checks its own signature or key.</li>
 *   <li>Every other {@code /api/**} endpoint, among them notifications, shipments, orders, customers' preferences,
 *   KPIs, template preview, intake failures and the dry run ({@code /api/v1/normalize/**}): the operator login, or
 *   the retailer's back end with {@code Authorization: Bearer <token>}, the token of {@code herald.security.api-token}
 *   ({@code HERALD_API_TOKEN}), compared in constant time. No token configured, no token accepted. A new API under
 *   {@code /api} is protected without being listed here.</li>
 *   <li>{@code /actuator/health/**} and {@code /actuator/prometheus}: open; health shows its status alone, no
 *   components and no details, to a caller without the login ({@link HealthDetailsForOperators}).</li>
 *   <li>The email links ({@link #EMAIL_LINKS}: one-click unsubscribe {@code /u/**}, the open pixel {@code /o/**},
 *   the click redirect {@code /c/**}): open, without CSRF token and without the CSRF cookie; each checks its own
 *   signed token.</li>
 *   <li>{@code /outbox} and the rest of {@code /actuator}: Hawtio ({@code /actuator/hawtio/**}), Jolokia
 *   ({@code /actuator/jolokia/**}), info, metrics and routes: the operator login only (the API token is not taken
 *   there), by the form at {@code /login} or by HTTP basic, as the user of {@code spring.security.user.*}. The Hawtio
 *   console sends Jolokia POSTs with the {@code X-XSRF-TOKEN} header it copies from the {@code XSRF-TOKEN} cookie, so
 *   the CSRF token lives in that cookie. {@code /api/**} needs no CSRF token.</li>
 *   <li>Anything else needs the login too: a page or endpoint added later is closed until it is named here. Pages
 *   for customers, which check their own signed token, go into {@link #OPEN}: the tracking page and its lookup form
 *   ({@code /track}, {@code /track/**}) and the preference page ({@code /preferences/**}), {@link #CUSTOMER_PAGES},
 *   without CSRF token. Error dispatches (Spring Boot's error page for an answer already decided) pass.</li>
 * </ul>
 * With the login on, the webhooks of a source without a secret are refused too
 * ({@code herald.intake.require-signatures} follows this property in application.yaml). {@code EveryEndpointIT}
 * calls every endpoint the application serves without credentials. In the default run, where the property is false,
 * everything is open and CSRF is off.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** Webhooks and APIs: no CSRF token. */
    static final RequestMatcher API = PATHS.matcher("/api/**");

    /** Webhooks that check their own signature or key. */
    static final RequestMatcher WEBHOOKS = new OrRequestMatcher(
            PATHS.matcher("/api/v1/intake/**"),
            PATHS.matcher("/api/v1/sms/**"),
            PATHS.matcher("/api/v1/email/events/**"));

    /** Operator pages with customers' personal data: the login only. */
    static final RequestMatcher OPERATOR = new OrRequestMatcher(
            PATHS.matcher("/outbox"),
            PATHS.matcher("/outbox/**"));

    /**
     * The links in emails, one-click unsubscribe ({@code /u/}), the open pixel ({@code /o/}) and the click redirect
     * ({@code /c/}): the signed token alone, no login, no CSRF token and no cookie, since mail providers post without
     * cookies (RFC 8058).
     */
    static final RequestMatcher EMAIL_LINKS = new OrRequestMatcher(
            PATHS.matcher("/u/**"),
            PATHS.matcher("/o/**"),
            PATHS.matcher("/c/**"));

    /**
     * The customer's pages (docs/pages.md): open, and without CSRF token, since their signed token (or, for the lookup
     * form, the order number with the customer's email) is the key.
     */
    static final RequestMatcher CUSTOMER_PAGES = new OrRequestMatcher(
            PATHS.matcher("/track"),
            PATHS.matcher("/track/**"),
            PATHS.matcher("/preferences/**"));

    /** Open in every profile. */
    static final RequestMatcher OPEN = new OrRequestMatcher(
            PATHS.matcher("/actuator/health"),
            PATHS.matcher("/actuator/health/**"),
            PATHS.matcher("/actuator/prometheus"),
            EMAIL_LINKS,
            CUSTOMER_PAGES);

    /** An API call without credentials gets 401, never the login form, whatever it accepts. */
    private static final BasicAuthenticationEntryPoint API_ENTRY_POINT = new BasicAuthenticationEntryPoint();

    static {
        API_ENTRY_POINT.setRealmName("Herald");
    }

    /** Hawtio, Jolokia and the other actuator endpoints. */
    static final RequestMatcher CONSOLE = PATHS.matcher("/actuator/**");

    /**
     * Refuses to start a run that listens beyond loopback without the login: every API and the console would be open
     * to the network, and webhooks of sources without a secret taken unsigned. The default run answers on
     * 127.0.0.1 only; prod (and the Docker image) listens on every interface with the login on.
     */
    static void requireLoginBeyondLoopback(String address, boolean consoleLoginRequired) throws UnknownHostException {
        boolean loopback = address != null && !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
        if (!loopback && !consoleLoginRequired) {
            throw new IllegalStateException("Herald listens beyond loopback (server.address "
                    + (address == null || address.isBlank() ? "unset: every interface" : address) + ") without the "
                    + "operator login: set herald.security.console-login-required=true (the prod profile does), or "
                    + "SERVER_ADDRESS=127.0.0.1");
        }
    }

    @Bean
    SecurityFilterChain heraldSecurityFilterChain(
            HttpSecurity http,
            @Value("${herald.security.console-login-required:false}") boolean consoleLoginRequired,
            @Value("${herald.security.api-token:}") String apiToken,
            @Value("${server.address:}") String address) throws Exception {
        requireLoginBeyondLoopback(address, consoleLoginRequired);
        if (!consoleLoginRequired) {
            return http
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .build();
        }
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPERATOR).authenticated()
                        .requestMatchers(WEBHOOKS).permitAll()
                        .requestMatchers(API).authenticated()
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(CONSOLE).authenticated()
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(API_ENTRY_POINT, API))
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf
                        .ignoringRequestMatchers(API)
                        .ignoringRequestMatchers(EMAIL_LINKS)
                        .ignoringRequestMatchers(CUSTOMER_PAGES)
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new ConsoleCsrfTokenRequestHandler()))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .addFilterAfter(new ApiTokenFilter(apiToken), BasicAuthenticationFilter.class)
                .build();
    }

    /** With the login on, health's components and details are for callers with the login only. */
    @Bean
    @ConditionalOnProperty(name = "herald.security.console-login-required", havingValue = "true")
    HealthDetailsForOperators healthDetailsForOperators() {
        return new HealthDetailsForOperators();
    }

    /**
     * Authenticates a call to {@code /api/**} that carries {@code Authorization: Bearer <token>} with the configured
     * API token, for the retailer's own back end. The comparison takes the same time whatever the token sent; a wrong
     * token leaves the call anonymous. The authentication lasts for this request only.
     */
    static final class ApiTokenFilter extends OncePerRequestFilter {

        private static final String BEARER = "Bearer ";

        private final byte[] expected;

        ApiTokenFilter(String token) {
            this.expected = StringUtils.hasText(token) ? sha256(token) : null;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return expected == null || !API.matches(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    && MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).trim()))) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("api-token", null,
                        AuthorityUtils.createAuthorityList("ROLE_API")));
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }

        /** Hashing first makes the comparison's time independent of the tokens' lengths too. */
        private static byte[] sha256(String token) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
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

        /** The email links set no cookie. */
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return EMAIL_LINKS.matches(request);
        }

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
