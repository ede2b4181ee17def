package io.herald.links;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The link tokens of the customer's pages ({@code herald.links.*}). */
@Configuration(proxyBeanMethods = false)
class LinksConfiguration {

    @Bean
    LinkTokens linkTokens(@Value("${herald.links.secret:}") String secret,
                          @Value("${herald.links.lifetime}") Duration lifetime,
                          @Value("${herald.data-dir}") String dataDir,
                          Clock clock) {
        return new LinkTokens(LinkSecret.resolve(secret, Path.of(dataDir)), lifetime, clock);
    }
}
