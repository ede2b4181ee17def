package io.herald.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.TestPorts;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The fault run's SMTP server keeps what it accepted across its outages, and refuses mail while it is down. */
class SmtpSinkTest {

    @Test
    void whatItAcceptedBeforeAnOutageIsKeptAfterIt() throws Exception {
        SmtpSink sink = new SmtpSink(TestPorts.reusable());
        sink.start();
        try {
            send(sink, "before@example.org", "<before@herald.local>");
            sink.stop();
            assertThatThrownBy(() -> send(sink, "during@example.org", "<during@herald.local>"))
                    .isInstanceOf(MessagingException.class);
            sink.start();
            send(sink, "after@example.org", "<after@herald.local>");

            assertThat(sink.deliveries()).extracting(Delivery::id)
                    .containsExactly("<before@herald.local>", "<after@herald.local>");
        } finally {
            sink.stop();
        }
    }

    private static void send(SmtpSink sink, String to, String messageId) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(sink.port()));
        properties.put("mail.smtp.connectiontimeout", "2000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("shop@example.com"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Shipped");
        message.setText("On its way");
        Transport.send(message);
    }
}
