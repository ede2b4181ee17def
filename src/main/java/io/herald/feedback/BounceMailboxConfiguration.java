package io.herald.feedback;

import io.herald.support.LateRouteStart;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The bounce mailbox that route email-bounces-read consumes ({@code ref:bounceMailbox}): the camel-mail IMAP endpoint
 * of {@code herald.channels.email.bounces.uri}. Empty, bounces are not read: the route keeps a stub endpoint and is
 * never started.
 */
@Configuration(proxyBeanMethods = false)
class BounceMailboxConfiguration {

    static final String ROUTE = "email-bounces-read";

    @Bean("bounceMailbox")
    Endpoint bounceMailbox(CamelContext camel, @Value("${herald.channels.email.bounces.uri:}") String uri) {
        return camel.getEndpoint(StringUtils.hasText(uri) ? uri.strip() : "stub:email-bounces-off");
    }

    @Bean
    CamelContextConfiguration bounceMailboxStart(@Value("${herald.channels.email.bounces.uri:}") String uri) {
        return LateRouteStart.of(ROUTE, StringUtils.hasText(uri));
    }
}
