package io.herald.channel.twilio;

import com.twilio.http.TwilioRestClient;
import org.apache.camel.component.twilio.TwilioComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Twilio REST client that camel-twilio sends SMS with, built when {@code herald.channels.sms.twilio.account-sid}
 * is set (the prod profile). Its HTTP client sends every request to {@code herald.channels.sms.twilio.base-url}, so
 * a stub can stand in for Twilio; the default is Twilio itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "herald.channels.sms.twilio", name = "account-sid")
@EnableConfigurationProperties(TwilioClientConfiguration.TwilioSettings.class)
class TwilioClientConfiguration {

    /**
     * @param accountSid the account SID (AC...), also the user name of HTTP basic auth; from TWILIO_ACCOUNT_SID
     * @param authToken  the auth token, the password of HTTP basic auth; a secret, from TWILIO_AUTH_TOKEN
     * @param baseUrl    where requests go instead of api.twilio.com; from TWILIO_BASE_URL
     */
    @ConfigurationProperties("herald.channels.sms.twilio")
    record TwilioSettings(
            String accountSid,
            String authToken,
            @DefaultValue("https://api.twilio.com") String baseUrl) {

        @Override
        public String toString() {
            return "TwilioSettings[accountSid=" + accountSid + ", authToken=****, baseUrl=" + baseUrl + "]";
        }
    }

    @Bean
    TwilioRestClient twilioRestClient(TwilioSettings settings) {
        return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .accountSid(settings.accountSid())
                .httpClient(new BaseUrlHttpClient(settings.baseUrl()))
                .build();
    }

    /**
     * Hands the client to the camel-twilio component. The component would autowire the single TwilioRestClient
     * bean on its own; setting it here makes the choice explicit and keeps credentials in one place.
     */
    @Bean
    ComponentCustomizer twilioComponentCustomizer(TwilioRestClient twilioRestClient, TwilioSettings settings) {
        return ComponentCustomizer.forType(TwilioComponent.class, component -> {
            component.setRestClient(twilioRestClient);
            component.setUsername(settings.accountSid());
            component.setPassword(settings.authToken());
            component.setAccountSid(settings.accountSid());
        });
    }
}
