package io.herald.channel.twilio;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Twilio client that SMS go out by ({@code herald.channels.sms.uri: bean:twilioMessages?method=send}), built when
 * {@code herald.channels.sms.twilio.account-sid} is set (the prod profile). Its requests go to
 * {@code herald.channels.sms.twilio.base-url}, so a stub can stand in for Twilio; the default is Twilio itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "herald.channels.sms.twilio", name = "account-sid")
@EnableConfigurationProperties(TwilioClientConfiguration.TwilioSettings.class)
class TwilioClientConfiguration {

    /**
     * @param accountSid     the account SID (AC...), also the user name of HTTP basic auth; from TWILIO_ACCOUNT_SID
     * @param authToken      the auth token, the password of HTTP basic auth; a secret, from TWILIO_AUTH_TOKEN
     * @param baseUrl        where requests go instead of api.twilio.com; from TWILIO_BASE_URL
     * @param connectTimeout the most time to open a connection: a message whose connection did not open is retried
     * @param readTimeout    the most time to wait for Twilio's answer once the request went out: past it, whether
     *                       Twilio took the message is unknown, and it is not sent again (UNKNOWN)
     */
    @ConfigurationProperties("herald.channels.sms.twilio")
    record TwilioSettings(
            String accountSid,
            String authToken,
            @DefaultValue("https://api.twilio.com") String baseUrl,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout) {

        @Override
        public String toString() {
            return "TwilioSettings[accountSid=" + accountSid + ", authToken=****, baseUrl=" + baseUrl
                    + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
        }
    }

    /**
     * Twilio's answers are handled, and each message's route goes on to record it, on as many threads as the
     * channel has hand-off threads ({@code herald.channels.hand-off-threads}): recording is bounded as handing off
     * is, while the requests themselves hold no thread. Closed with the application.
     */
    @Bean(TwilioMessages.BEAN)
    TwilioMessages twilioMessages(TwilioSettings settings, @Value("${herald.channels.hand-off-threads}") int threads,
                                  Clock clock) {
        return new TwilioMessages(settings.baseUrl(), settings.accountSid(), settings.authToken(),
                settings.connectTimeout(), settings.readTimeout(), threads, clock);
    }
}
