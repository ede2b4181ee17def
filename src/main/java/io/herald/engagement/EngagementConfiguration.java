package io.herald.engagement;

import io.herald.customer.PageLinks;
import io.herald.links.LinkTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The email links ({@code herald.tracking.*}), under Herald's public address ({@link PageLinks#base()}).
 */
@Configuration(proxyBeanMethods = false)
class EngagementConfiguration {

    @Bean
    EmailLinks emailLinks(LinkTokens linkTokens, PageLinks pageLinks,
                          @Value("${herald.tracking.opens:false}") boolean opens,
                          @Value("${herald.tracking.clicks:true}") boolean clicks) {
        return new EmailLinks(linkTokens, pageLinks.base(), opens, clicks);
    }
}
