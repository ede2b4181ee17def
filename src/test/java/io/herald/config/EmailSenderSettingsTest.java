package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.channel.KeepAliveMailSender;
import io.herald.channel.ScriptedRelay;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The email channel's sender as Herald configures it ({@link CamelBeans}). */
class EmailSenderSettingsTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theSenderAsksForTlsWhenTheRelayOffersIt() throws Exception {
        camel.start();
        try (ScriptedRelay relay = new ScriptedRelay("STARTTLS", "AUTH PLAIN LOGIN")) {
            KeepAliveMailSender sender = new CamelBeans().keepAliveMailSender(camel,
                    "smtp://127.0.0.1:" + relay.port() + "?username=shop&password=secret");
            MimeMessage message = new MimeMessage(sender.getSession());
            message.setFrom(new InternetAddress("shop@example.com"));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, "customer@example.com");
            message.setText("Hello");

            assertThatThrownBy(() -> sender.send(message)).as("this relay's TLS is unavailable")
                    .isInstanceOf(MessagingException.class);

            assertThat(relay.commands()).as("STARTTLS before anything else, the login above all")
                    .anyMatch(command -> command.equalsIgnoreCase("STARTTLS"))
                    .noneMatch(command -> command.toUpperCase().startsWith("AUTH"))
                    .noneMatch(command -> command.toUpperCase().startsWith("MAIL"));
        }
    }
}
