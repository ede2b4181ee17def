package io.herald.decide;

import io.herald.config.HeraldProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decide stage's beans: the clock every time-dependent rule reads, and the pure {@link Decider}. */
@Configuration(proxyBeanMethods = false)
class DecideConfiguration {

    /** The time of every decision, hold, deferral and wait; tests replace it with a clock they move. */
    @Bean
    @ConditionalOnMissingBean
    Clock heraldClock() {
        return Clock.systemUTC();
    }

    @Bean
    Decider decider(HeraldProperties properties, QuietHours quietHours, RuleSettings rules) {
        HeraldProperties.Notifications settings = properties.notifications();
        return new Decider(settings.hold(), settings.awaitCustomer(), settings.cap(), settings.fallback(),
                quietHours, rules);
    }
}
