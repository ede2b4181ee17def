package io.herald.sms;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link TwilioSignatureFilter} in front of Twilio's webhooks, {@code /api/v1/sms/*}, in every profile. */
@Configuration(proxyBeanMethods = false)
class SmsWebhooksConfiguration {

    @Bean
    FilterRegistrationBean<TwilioSignatureFilter> twilioSignatureFilter(
            TwilioSignatures signatures, @Value("${herald.public-base-url:}") String publicBaseUrl,
            MeterRegistry registry) {
        FilterRegistrationBean<TwilioSignatureFilter> registration = new FilterRegistrationBean<>(
                new TwilioSignatureFilter(signatures, publicBaseUrl, registry));
        registration.addUrlPatterns(TwilioSignatureFilter.PATTERN);
        registration.setName("twilioSignatureFilter");
        return registration;
    }
}
