package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.junit.jupiter.api.Test;

class DeliveryErrorsTest {

    private final DeliveryErrors errors = new DeliveryErrors(60_000, java.time.Clock.systemUTC());

    @Test
    void smtpMailboxUnavailableIsPermanent() throws Exception {
        assertThat(errors.isPermanent(caught(rcptRefused(550, "550 5.1.1 mailbox unavailable")))).isTrue();
    }

    @Test
    void whatConcernsTheMessageAloneAndWhatEveryMessageMeets() throws Exception {
        assertThat(DeliveryErrors.concernsTheMessage(rcptRefused(550, "550 5.1.1 mailbox unavailable"))).isTrue();
        assertThat(DeliveryErrors.concernsTheMessage(rcptRefused(450, "450 4.2.1 mailbox busy"))).isTrue();
        assertThat(DeliveryErrors.concernsTheMessage(pushBackend(404))).as("a customer without a device").isTrue();
        assertThat(DeliveryErrors.concernsTheMessage(pushBackend(401))).as("Herald's signature refused").isFalse();
        assertThat(DeliveryErrors.concernsTheMessage(pushBackend(403))).isFalse();
        assertThat(DeliveryErrors.concernsTheMessage(pushBackend(503))).isFalse();
        assertThat(DeliveryErrors.concernsTheMessage(new MessagingException("send failed",
                new MailConnectException(new org.eclipse.angus.mail.util.SocketConnectException("refused",
                        new java.net.ConnectException(), "relay", 25, 1000))))).isFalse();
        assertThat(DeliveryErrors.concernsTheMessage(new SocketTimeoutException("Read timed out"))).isFalse();
    }

    private static org.apache.camel.http.base.HttpOperationFailedException pushBackend(int status) {
        return new org.apache.camel.http.base.HttpOperationFailedException("http://localhost/push", status, null, null,
                java.util.Map.of(), "{}");
    }

    @Test
    void smtpTemporaryRefusalIsRetried() throws Exception {
        assertThat(errors.isPermanent(caught(rcptRefused(451, "451 4.3.0 try again later")))).isFalse();
    }

    @Test
    void onlyATemporaryReplyToTheRecipientIsARecipientDeferral() throws Exception {
        assertThat(DeliveryErrors.recipientDeferral(rcptRefused(450, "450 4.2.1 mailbox busy")))
                .hasValueSatisfying(reply -> assertThat(reply.getReturnCode()).isEqualTo(450));
        assertThat(DeliveryErrors.recipientDeferral(rcptRefused(452, "452 4.2.2 mailbox full"))).isPresent();
        assertThat(DeliveryErrors.recipientDeferral(rcptRefused(421, "421 4.3.2 closing connection")))
                .as("the relay closes the connection: every message meets it").isEmpty();
        assertThat(DeliveryErrors.recipientDeferral(rcptRefused(550, "550 5.1.1 mailbox unavailable"))).isEmpty();
        assertThat(DeliveryErrors.recipientDeferral(new org.eclipse.angus.mail.smtp.SMTPSendFailedException("DATA",
                451, "451 4.3.0 local error", null, null, null, null))).as("a reply to DATA").isEmpty();
        assertThat(DeliveryErrors.recipientDeferral(new java.net.ConnectException("refused"))).isEmpty();
    }

    @Test
    void onlyAPermanentReplyThatTheMailboxIsNotThereRejectsTheAddress() throws Exception {
        assertThat(DeliveryErrors.recipientRejected(rcptRefused(550, "550 5.1.1 <nobody@example.com>: Recipient "
                + "address rejected: User unknown in virtual mailbox table"))).isPresent();
        for (String reply : List.of("550-5.1.1 The email account that you tried to reach does not exist.",
                "553 5.1.3 malformed address", "550 5.1.10 RESOLVER.ADR.RecipientNotFound", "550 5.2.1 disabled",
                "551 5.1.6 mailbox moved", "556 5.1.10 domain does not accept mail", "550 5.1.2 no such domain")) {
            assertThat(DeliveryErrors.recipientRejected(rcptRefused(Integer.parseInt(reply.substring(0, 3)), reply)))
                    .as(reply).isPresent();
        }
        for (String reply : List.of("550 5.7.1 Relaying denied", "554 5.7.1 Access denied", "552 5.2.2 mailbox full",
                "550 Requested action not taken: mailbox unavailable", "550 5.1.11 something else",
                "530 5.7.0 Authentication required")) {
            assertThat(DeliveryErrors.recipientRejected(rcptRefused(Integer.parseInt(reply.substring(0, 3)), reply)))
                    .as("%s says nothing sure of the address", reply).isEmpty();
        }
        assertThat(DeliveryErrors.recipientRejected(rcptRefused(450, "450 4.1.1 lookup failed for now"))).isEmpty();
        assertThat(DeliveryErrors.recipientRejected(new org.eclipse.angus.mail.smtp.SMTPSendFailedException("DATA",
                550, "550 5.1.1 odd reply to DATA", null, null, null, null))).as("a reply to DATA").isEmpty();
        assertThat(DeliveryErrors.recipientRejected(new java.net.ConnectException("refused"))).isEmpty();
    }

    @Test
    void onlyAServerErrorThatIsNotTheServicesOrAGatewaysMayConcernTheMessageAlone() {
        assertThat(DeliveryErrors.mayConcernTheMessageAlone(answered(500, java.util.Map.of()))).isTrue();
        assertThat(DeliveryErrors.mayConcernTheMessageAlone(new RuntimeException(answered(507, java.util.Map.of()))))
                .isTrue();
        for (int status : new int[] {502, 503, 504, 429, 408, 400}) {
            assertThat(DeliveryErrors.mayConcernTheMessageAlone(answered(status, java.util.Map.of()))).as("%d", status)
                    .isFalse();
        }
        assertThat(DeliveryErrors.mayConcernTheMessageAlone(new java.net.ConnectException("Connection refused")))
                .isFalse();
        assertThat(DeliveryErrors.mayConcernTheMessageAlone(new java.io.IOException("header parser received no bytes")))
                .isFalse();
    }

    @Test
    void aRecipientDeferredTooOftenIsPermanent() {
        assertThat(errors.isPermanent(caught(DeferredTooOftenException.recipient(7, "450 4.2.1 mailbox busy"))))
                .isTrue();
    }

    @Test
    void onlyAReadTimeoutAfterTheRequestLeavesTheOutcomeUnknown() {
        assertThat(errors.isUnknownOutcome(new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(errors.isUnknownOutcome(new java.util.concurrent.CompletionException(
                new java.net.http.HttpTimeoutException("request timed out")))).isTrue();
        assertThat(errors.isUnknownOutcome(new MailConnectException(new org.eclipse.angus.mail.util.SocketConnectException(
                "Couldn't connect", new java.net.ConnectException("refused"), "127.0.0.1", 25, 2000)))).isFalse();
        assertThat(errors.isUnknownOutcome(new org.apache.camel.CamelExchangeException("push failed", null,
                new org.apache.hc.client5.http.ConnectTimeoutException("Connect timed out")))).isFalse();
        assertThat(errors.isUnknownOutcome(new java.util.concurrent.CompletionException(
                new java.net.http.HttpConnectTimeoutException("HTTP connect timed out")))).isFalse();
    }

    @Test
    void incompleteMessageIsPermanentAndOfKnownOutcome() {
        UndeliverableMessageException incomplete = new UndeliverableMessageException("An SMS needs a body");

        assertThat(errors.isPermanent(caught(incomplete))).isTrue();
        assertThat(errors.isUnknownOutcome(incomplete)).isFalse();
    }

    @Test
    void localOutboxRefusesAnSmsWithoutRecipientOrBodyPermanently() {
        Exchange noBody = new DefaultExchange(new DefaultCamelContext());
        noBody.getMessage().setHeader(SmsMessages.TO, "+4915112345678");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LocalSmsOutbox().send(noBody))
                .isInstanceOf(UndeliverableMessageException.class);
    }

    @Test
    void appBackendClientErrorIsPermanentButTimeoutAndTooManyRequestsAreRetried() {
        assertThat(errors.isPermanent(caught(answered(400, java.util.Map.of())))).isTrue();
        assertThat(errors.isPermanent(caught(answered(410, java.util.Map.of())))).isTrue();
        assertThat(errors.isPermanent(caught(answered(408, java.util.Map.of())))).isFalse();
        assertThat(errors.isPermanent(caught(answered(429, java.util.Map.of())))).isFalse();
        assertThat(errors.isPermanent(caught(answered(503, java.util.Map.of())))).isFalse();
        assertThat(errors.isUnknownOutcome(answered(503, java.util.Map.of()))).isFalse();
    }

    @Test
    void appBackendRetryAfterSetsTheNextDelayInSecondsOrAsADateCapped() {
        java.time.Instant now = java.time.Instant.parse("2026-03-03T10:00:00Z");
        DeliveryErrors atNow = new DeliveryErrors(60_000, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));

        assertThat(atNow.retryAfterMillis(answered(503, java.util.Map.of("Retry-After", "7")))).contains(7_000L);
        assertThat(atNow.retryAfterMillis(answered(429, java.util.Map.of("retry-after",
                "Tue, 03 Mar 2026 10:00:20 GMT")))).contains(20_000L);
        assertThat(atNow.retryAfterMillis(answered(503, java.util.Map.of("Retry-After", "3600")))).contains(60_000L);
        assertThat(atNow.retryAfterMillis(answered(503, java.util.Map.of()))).isEmpty();
        assertThat(atNow.retryAfterMillis(answered(400, java.util.Map.of("Retry-After", "7")))).isEmpty();
    }

    private static org.apache.camel.http.base.HttpOperationFailedException answered(
            int status, java.util.Map<String, String> headers) {
        return new org.apache.camel.http.base.HttpOperationFailedException("http://127.0.0.1/push", status, "status "
                + status, null, headers, "");
    }

    private static SendFailedException rcptRefused(int code, String reply) throws Exception {
        InternetAddress address = new InternetAddress("nobody@example.com");
        SMTPAddressFailedException refused = new SMTPAddressFailedException(address, "RCPT TO", code, reply);
        return new SendFailedException("Invalid Addresses", refused, new InternetAddress[0], new InternetAddress[0],
                new InternetAddress[] {address});
    }

    private static Exchange caught(Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}
