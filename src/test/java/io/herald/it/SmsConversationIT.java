package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.herald.it.DecidePayloads.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.it.DecidePayloads.Scan;
import io.herald.sms.SmsConversations;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two-way SMS on real parts: the customer answers by Twilio's signed inbound webhook, Herald answers TwiML, and the
 * keywords act on what Kafka, GreenMail and WireMock's Twilio then see. Each test has its own phone number.
 */
class SmsConversationIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    private SmsConversations conversations;

    @Autowired
    private MeterRegistry meters;

    @BeforeAll
    static void twilioAcceptsMessages() {
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(NotificationJourneyIT.twilioMessage("SM" + "c".repeat(32)))));
    }

    @Test
    void stopKeywordSilencesSmsButCriticalEmailStillSent() {
        Customer ada = customer("en", "both");
        await().atMost(WAIT).until(() -> smsTo(ada.phone()).size() == 1 && mailsTo(ada.email()).size() == 1);

        HttpResponse<String> answer = inboundSms(ada.phone(), " stop ");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/xml"));
        assertThat(answer.body()).as("Twilio's Advanced Opt-Out confirms the STOP itself").isEqualTo(EMPTY);
        assertThat(openOptOuts(ada.phone())).isEqualTo(1);

        String trackingNumber = trackingNumber("SMSSTOP");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(ada.orderId(), trackingNumber, 30));
        await().atMost(WAIT).until(() -> mailsTo(ada.email()).size() == 2);
        easypost(trackingNumber, Scan.of("in_transit", "lost", "Package lost in transit", minutesAgo(5)));
        await().atMost(WAIT).until(() -> subjectsTo(ada.email()).contains("Your order " + ada.orderId()
                + " is delayed"));

        assertThat(smsTo(ada.phone())).as("only the SMS from before the STOP").hasSize(1);
        assertThat(jdbc.queryForList("SELECT type FROM notification WHERE tracking_number = ? AND channel = 'sms'",
                trackingNumber)).as("no SMS attempt after the STOP, the critical alert's included").isEmpty();
        assertThat(conversation(ada.phone())).containsExactly("IN:opt_out: stop ");
    }

    @Test
    void theGermanWordForStopStopsAndHeraldConfirmsItSinceTwilioDoesNot() {
        Customer hedy = customer("de", "both");
        await().atMost(WAIT).until(() -> smsTo(hedy.phone()).size() == 1);

        HttpResponse<String> answer = inboundSms(hedy.phone(), "Stopp");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).as("not one of Twilio's keywords: its Advanced Opt-Out says nothing")
                .contains("Sie erhalten keine SMS mehr von uns.");
        assertThat(openOptOuts(hedy.phone())).isEqualTo(1);
    }

    @Test
    void startKeywordResumesSms() {
        Customer grace = customer("en", "both");
        await().atMost(WAIT).until(() -> smsTo(grace.phone()).size() == 1);
        assertThat(inboundSms(grace.phone(), "STOP").body()).isEqualTo(EMPTY);

        assertThat(inboundSms(grace.phone(), "Start").body()).isEqualTo(EMPTY);
        assertThat(openOptOuts(grace.phone())).isZero();

        String trackingNumber = trackingNumber("SMSSTART");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(grace.orderId(), trackingNumber, 30));
        await().atMost(WAIT).until(() -> smsTo(grace.phone()).size() == 2);
        assertThat(smsTo(grace.phone()).get(1).get("Body")).startsWith("Order " + grace.orderId() + " shipped with UPS");
        assertThat(conversation(grace.phone())).containsExactly("IN:opt_out:STOP", "IN:opt_in:Start");
    }

    @Test
    void statusKeywordRepliesWithLatestStatusInCustomerLanguage() {
        Customer hedy = customer("de", "both");
        String firstOrder = hedy.orderId();
        String secondOrder = firstOrder + "-B";
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(secondOrder, hedy.customerId(), hedy.email(),
                hedy.phone(), "de", "both", 500)).statusCode()).isEqualTo(202);
        String older = trackingNumber("SMSSTAT");
        String newer = trackingNumber("SMSSTAT");
        publishWms(older, SamplePayloads.wmsShipped(firstOrder, older, 120));
        publishWms(newer, SamplePayloads.wmsShipped(secondOrder, newer, 60));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM shipment WHERE tracking_number IN "
                + "(?, ?)", Integer.class, older, newer) == 2 && jdbc.queryForObject("SELECT COUNT(*) FROM "
                + "customer_order WHERE order_id IN (?, ?)", Integer.class, firstOrder, secondOrder) == 2);

        OffsetDateTime from = OffsetDateTime.now().minusDays(1);
        OffsetDateTime to = OffsetDateTime.now().plusDays(1);
        SmsConversations.Usage before = conversations.usage(from, to);
        double statusCountedBefore = statusCounted();

        HttpResponse<String> answer = inboundSms(hedy.phone(), "Stand");

        assertThat(answer.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + "Bestellung " + secondOrder + " ist unterwegs. UPS " + newer + ".\n"
                + "Bestellung " + firstOrder + " ist unterwegs. UPS " + older + "."
                + "</Message></Response>");
        assertThat(conversation(hedy.phone())).containsExactly("IN:status:Stand",
                "OUT:null:Bestellung " + secondOrder + " ist unterwegs. UPS " + newer + ".\n"
                        + "Bestellung " + firstOrder + " ist unterwegs. UPS " + older + ".");
        SmsConversations.Usage after = conversations.usage(from, to);
        assertThat(after.inbound() - before.inbound()).isEqualTo(1);
        assertThat(after.replies() - before.replies()).isEqualTo(1);
        assertThat(after.keywords().get("status") - before.keywords().getOrDefault("status", 0L)).isEqualTo(1);
        assertThat(statusCounted() - statusCountedBefore).isEqualTo(1.0);
        var kpis = get("/api/v1/kpis?from=" + from.toInstant() + "&to=" + to.toInstant());
        assertThat(kpis.statusCode()).isEqualTo(200);
        assertThat(kpis.body()).contains("\"smsReplies\":{\"inbound\":" + after.inbound() + ",\"replies\":"
                + after.replies() + ",");
    }

    private double statusCounted() {
        var counter = meters.find("herald.sms.inbound").tag("keyword", "status").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void firstSmsToANumberCarriesTheOptOutNotice() {
        Customer lola = customer("es", "sms");
        await().atMost(WAIT).until(() -> smsTo(lola.phone()).size() == 1);
        String trackingNumber = trackingNumber("SMSFIRST");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(lola.orderId(), trackingNumber, 30));
        await().atMost(WAIT).until(() -> smsTo(lola.phone()).size() == 2);

        List<String> bodies = smsTo(lola.phone()).stream().map(sms -> sms.get("Body")).toList();
        assertThat(bodies.get(0)).startsWith("Pedido " + lola.orderId()).endsWith(" Responde STOP para darte de baja.");
        assertThat(bodies.get(1)).doesNotContain("STOP");
    }

    @Test
    void sourceCannotUndoACustomersStop() {
        Customer alan = customer("en", "both");
        await().atMost(WAIT).until(() -> smsTo(alan.phone()).size() == 1);
        inboundSms(alan.phone(), "STOP");
        OffsetDateTime stoppedAt = jdbc.queryForObject("SELECT opted_out_at FROM sms_opt_out WHERE phone = ?",
                OffsetDateTime.class, alan.phone());

        // the OMS says notify=both again, with a later consent than the STOP
        String secondOrder = alan.orderId() + "-B";
        String order = SamplePayloads.omsOrder(secondOrder, alan.customerId(), alan.email(), alan.phone(), "en",
                "both", 0).replaceFirst("\"occurredAt\": \"[^\"]+\"",
                "\"occurredAt\": \"" + stoppedAt.plusSeconds(1).withNano(0) + "\"");
        assertThat(post("/api/v1/intake/oms", order).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(alan.email()).size() == 2);

        assertThat(smsTo(alan.phone())).hasSize(1);
        assertThat(jdbc.queryForList("SELECT state FROM notification WHERE order_id = ? AND channel = 'sms'",
                secondOrder)).isEmpty();
        assertThat(openOptOuts(alan.phone())).isEqualTo(1);
    }

    @Test
    void unknownWordGetsTheShortHelpAndErasingTheCustomerDeletesTheConversation() {
        Customer joan = customer("fr", "both");
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE customer_id = ?",
                Integer.class, joan.customerId()) == 1);

        assertThat(inboundSms(joan.phone(), "Bonjour ?").body()).contains("<Message>Herald : répondez STATUT pour vos "
                + "commandes en cours");
        assertThat(conversation(joan.phone())).hasSize(2);

        assertThat(delete("/api/v1/customers/" + joan.customerId()).statusCode()).isEqualTo(204);
        assertThat(conversation(joan.phone())).isEmpty();
    }

    /** A customer with a number, an email address and an order of their own. */
    private record Customer(String customerId, String orderId, String email, String phone) {
    }

    private Customer customer(String locale, String notify) {
        int n = SEQUENCE.incrementAndGet();
        String orderId = "SO-SMS-" + n + "-" + System.nanoTime() % 100000;
        String phone = "+4915112" + String.format("%06d", (int) (System.nanoTime() % 1_000_000));
        Customer customer = new Customer("C-" + orderId, orderId, orderId.toLowerCase() + "@example.com", phone);
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, customer.customerId(),
                customer.email(), phone, locale, notify, 600)).statusCode()).isEqualTo(202);
        return customer;
    }

    /** Posts an inbound SMS as Twilio does: form-encoded, signed over the public URL. */

    private void easypost(String trackingNumber, Scan scan) {
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, null, List.of(scan)))
                .statusCode()).isEqualTo(202);
    }

    private static List<Map<String, String>> smsTo(String phone) {
        return NotificationJourneyIT.smsTo(phone);
    }

    private int openOptOuts(String phone) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM sms_opt_out WHERE phone = ? AND opted_in_at IS NULL",
                Integer.class, phone);
    }

    /** The number's conversation, oldest first: direction, keyword and body. */
    private List<String> conversation(String phone) {
        return jdbc.queryForList("SELECT direction, keyword, body FROM sms_message WHERE phone = ? ORDER BY id", phone)
                .stream().map(m -> m.get("DIRECTION") + ":" + m.get("KEYWORD") + ":" + m.get("BODY")).toList();
    }
}
