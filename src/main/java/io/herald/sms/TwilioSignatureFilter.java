package io.herald.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to {@code /api/v1/sms/*} (Twilio's inbound and status webhooks) through only with a right
 * {@code X-Twilio-Signature} ({@link TwilioSignatures}), computed over the public URL Twilio called:
 * {@code herald.public-base-url} + path + query (the request's own URL when no public base URL is set), and the POST
 * parameters, those of the query left out. A missing or wrong signature gets 403 problem+json and is counted
 * ({@code herald.sms.signature.refused}); the request's parameters are never logged.
 */
public class TwilioSignatureFilter extends OncePerRequestFilter {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String PATTERN = "/api/v1/sms/*";

    private static final Logger LOG = LoggerFactory.getLogger(TwilioSignatureFilter.class);

    private final TwilioSignatures signatures;
    private final String publicBaseUrl;
    private final Counter refused;

    public TwilioSignatureFilter(TwilioSignatures signatures, String publicBaseUrl, MeterRegistry registry) {
        this.signatures = signatures;
        this.publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.strip().replaceAll("/+$", "");
        this.refused = Counter.builder("herald.sms.signature.refused")
                .description("Twilio webhooks refused for a missing or wrong X-Twilio-Signature").register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String url = calledUrl(request);
        if (signatures.valid(url, postParameters(request), request.getHeader(SIGNATURE_HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        refused.increment();
        LOG.warn("Twilio webhook {} refused: {} X-Twilio-Signature", request.getRequestURI(),
                request.getHeader(SIGNATURE_HEADER) == null ? "no" : "a wrong");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"https://herald.dev/problems/forbidden\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"The X-Twilio-Signature header is missing or does not match.\"}");
    }

    /** The URL Twilio called, as Twilio signed it: the public base, the path and the query as sent. */
    String calledUrl(HttpServletRequest request) {
        String base = publicBaseUrl.isEmpty()
                ? request.getRequestURL().toString().substring(0, request.getRequestURL().length()
                        - request.getRequestURI().length())
                : publicBaseUrl;
        String query = request.getQueryString();
        return base + request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /**
     * The parameters of the form body. The servlet merges query and body parameters, query values first; those of
     * the query are part of the signed URL and are left out here.
     */
    static Map<String, String> postParameters(HttpServletRequest request) {
        Map<String, Integer> inQuery = new HashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    inQuery.merge(name, 1, Integer::sum);
                }
            }
        }
        Map<String, String> posted = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            int skip = inQuery.getOrDefault(name, 0);
            if (values.length > skip) {
                posted.put(name, values[skip]);
            }
        });
        return posted;
    }
}
