package io.herald.decide;

import io.herald.channel.PushSettings;
import io.herald.config.HeraldProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

    /** With push among its channels when the push channel has a URL (herald.channels.push.url). */
    @Bean
    Decider decider(HeraldProperties properties, QuietHours quietHours, RuleSettings rules, PushSettings push) {
        HeraldProperties.Notifications settings = properties.notifications();
        List<String> channels = new ArrayList<>(Decider.CHANNELS);
        if (push.enabled()) {
            channels.add("push");
        }
        return new Decider(settings.hold(), settings.awaitCustomer(), settings.cap(), settings.fallback(),
                quietHours, rules, channels);
    }
}
