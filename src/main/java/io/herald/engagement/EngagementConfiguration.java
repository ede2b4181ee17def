package io.herald.engagement;

import io.herald.links.LinkTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The email links ({@code herald.tracking.*}), under {@code herald.public-base-url}; without one (the default run),
 * under {@code http://localhost:<server.port>}, which only a browser on the same machine opens.
 */
@Configuration(proxyBeanMethods = false)
class EngagementConfiguration {

    @Bean
    EmailLinks emailLinks(LinkTokens linkTokens,
                          @Value("${herald.public-base-url:}") String publicBaseUrl,
                          @Value("${server.port:8080}") int port,
                          @Value("${herald.tracking.opens:false}") boolean opens,
                          @Value("${herald.tracking.clicks:true}") boolean clicks) {
        String base = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:" + port : publicBaseUrl;
        return new EmailLinks(linkTokens, base, opens, clicks);
    }
}
