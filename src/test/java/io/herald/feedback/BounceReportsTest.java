package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BounceReportsTest {

    /** A delivery status notification (RFC 3464) as a relay writes it, with the original's headers returned. */
    static String dsn(String action, String status, String messageId) {
        return """
                From: Mail Delivery System <mailer-daemon@relay.example.net>
                To: bounces@shop.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-4711@relay.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b-4711"

                --b-4711
                Content-Type: text/plain; charset=us-ascii

                Your message could not be delivered to one or more recipients.

                --b-4711
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example.net
                Arrival-Date: Sun, 29 Nov 2026 09:00:00 +0000

                Final-Recipient: rfc822; nobody@customer.example
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; 550 5.1.1 <nobody@customer.example>:
                  Recipient address rejected: User unknown

                --b-4711
                Content-Type: text/rfc822-headers

                From: Shop <shop@example.com>
                To: nobody@customer.example
                Subject: Your order is confirmed
                Message-ID: %s

                --b-4711--
                """.formatted(action, status, messageId).replace("\n", "\r\n");
    }

    static MimeMessage mail(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void failedPermanentReportIsAHardBounceOfTheOriginalMessageId() throws Exception {
        var bounce = BounceReports.hardBounce(mail(dsn("failed", "5.1.1",
                "<2b1e7c4a-0d55-4e3f-9a61-7f2c8d9e0a11@example.com>")));

        assertThat(bounce).hasValueSatisfying(b -> {
            assertThat(b.messageId()).isEqualTo("<2b1e7c4a-0d55-4e3f-9a61-7f2c8d9e0a11@example.com>");
            assertThat(b.status()).isEqualTo("5.1.1");
            assertThat(b.diagnostic()).contains("550 5.1.1", "User unknown");
        });
        assertThat(DeliveryFeedback.attemptId(bounce.get().messageId()))
                .contains("2b1e7c4a-0d55-4e3f-9a61-7f2c8d9e0a11");
    }

    @Test
    void delayIsNoHardBounce() throws Exception {
        assertThat(BounceReports.hardBounce(mail(dsn("delayed", "4.4.7", "<a@example.com>")))).isEmpty();
        assertThat(BounceReports.hardBounce(mail(dsn("failed", "4.4.7", "<a@example.com>")))).isEmpty();
    }

    @Test
    void ordinaryMailIsNoReport() throws Exception {
        assertThat(BounceReports.hardBounce(mail("""
                From: someone@customer.example
                To: bounces@shop.example
                Subject: Out of office
                Content-Type: text/plain

                Action: failed
                Status: 5.1.1
                """.replace("\n", "\r\n")))).isEmpty();
    }
}
