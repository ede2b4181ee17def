package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An order and its shipment, from intake to the customer's inbox and phone. */
class NotificationJourneyIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void twilioAcceptsMessages() {
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(twilioMessage("SM" + "a".repeat(32)))));
    }

    @Test
    void orderAndShipmentJourneySendsExactlyTheExpectedEmailsAndSms() throws Exception {
        String email = "ada.journey@example.com";
        String phone = "+4915112340001";
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-J1", "C-J1", email, phone, "en", "both", 300))
                .statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1 && smsTo(phone).size() == 1);

        publishWms("1ZJOURNEY000000013", SamplePayloads.wmsShipped("SO-J1", "1ZJOURNEY000000013", 240));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2 && smsTo(phone).size() == 2);

        assertThat(post("/api/v1/intake/easypost",
                SamplePayloads.easypostTrackerUpdated("1ZJOURNEY000000013", "out_for_delivery", 60)).statusCode())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 3 && smsTo(phone).size() == 3);

        assertThat(post("/api/v1/intake/easypost",
                SamplePayloads.easypostTrackerUpdated("1ZJOURNEY000000013", "delivered", 10)).statusCode())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 4 && smsTo(phone).size() == 4);

        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactly(
                "Your order SO-J1 is confirmed",
                "Your order SO-J1 is on its way",
                "Your order SO-J1 arrives today",
                "Your order SO-J1 was delivered");
        Map<String, String> shipped = parts(mails.get(1));
        assertThat(shipped.get("text/plain")).contains("has shipped with UPS", "Tracking number: 1ZJOURNEY000000013");
        assertThat(shipped.get("text/html")).contains("<strong>SO-J1</strong>", "UPS 1ZJOURNEY000000013");
        assertThat(mails.get(0).getFrom()[0].toString()).contains("shop@example.com");

        List<Map<String, String>> sms = smsTo(phone);
        // shipment messages go on with the carrier and tracking number, the latest location and the tracking link
        assertThat(sms).extracting(m -> m.get("Body")).satisfiesExactly(
                body -> assertThat(body).isEqualTo("Order SO-J1 confirmed. We'll text you when it ships. Reply STOP to opt out."),
                body -> assertThat(body).startsWith("Order SO-J1 shipped with UPS, tracking 1ZJOURNEY000000013."),
                body -> assertThat(body).startsWith("Order SO-J1 is out for delivery and should arrive today. "
                        + "UPS tracking 1ZJOURNEY000000013."),
                body -> assertThat(body).startsWith("Order SO-J1 was delivered. Enjoy! UPS tracking 1ZJOURNEY000000013."));
        assertThat(sms).allSatisfy(m -> {
            assertThat(m.get("From")).isEqualTo("+15005550006");
            assertThat(m.get("StatusCallback")).startsWith("https://herald.example.com/api/v1/twilio/status?n=");
        });

        await().atMost(WAIT).until(() -> notificationsOf("SO-J1").stream().allMatch(n -> "SENT".equals(n.get("STATE"))));
        // each status callback names its own attempt, so Twilio's report is correlated with the notification
        assertThat(sms).extracting(m -> m.get("StatusCallback").substring(m.get("StatusCallback").indexOf("?n=") + 3))
                .containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
                        "SELECT id FROM notification WHERE order_id = 'SO-J1' AND channel = 'sms'", String.class));
        assertThat(notificationsOf("SO-J1")).hasSize(8).allSatisfy(n -> assertThat(n.get("PROVIDER_ID")).isNotNull());
        String listed = get("/api/v1/notifications?trackingNumber=1ZJOURNEY000000013").body();
        assertThat(listed).contains("\"type\":\"delivered\"", "\"channel\":\"sms\"", "\"state\":\"SENT\"",
                "\"recipient\":\"" + phone + "\"", "Your order SO-J1 was delivered");
    }

    @Test
    void duplicateCarrierEventSendsNoSecondMessage() {
        String email = "grace.duplicate@example.com";
        String phone = "+4915112340002";
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-D1", "C-D1", email, phone, "en", "both", 300));
        publishWms("1ZDUPLICATE0000019", SamplePayloads.wmsShipped("SO-D1", "1ZDUPLICATE0000019", 240));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2 && smsTo(phone).size() == 2);

        String outForDelivery = SamplePayloads.easypostTrackerUpdated("1ZDUPLICATE0000019", "out_for_delivery", 60);
        assertThat(post("/api/v1/intake/easypost", outForDelivery).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 3 && smsTo(phone).size() == 3);

        // the webhook carries two scans; both are duplicates now, and the decide route must have seen both
        DecidedRecords decided = decidedFor("1ZDUPLICATE0000019", 2);
        assertThat(post("/api/v1/intake/easypost", outForDelivery).statusCode()).isEqualTo(202);
        assertThat(decided.matches(120, TimeUnit.SECONDS)).isTrue();

        // a notification is recorded before it is sent, so once decide is done any second one would show here
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE tracking_number = '1ZDUPLICATE0000019' "
                + "AND type = 'out_for_delivery'", Integer.class)).isEqualTo(2);
        await().atMost(WAIT).until(() -> notificationsOf("SO-D1").stream()
                .allMatch(n -> "SENT".equals(n.get("STATE"))));
        assertThat(mailsTo(email)).hasSize(3);
        assertThat(smsTo(phone)).hasSize(3);
    }

    @Test
    void germanCustomerGetsGermanMessages() throws Exception {
        String email = "lena.deutsch@example.de";
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G1", "C-G1", email, "+4915112340003", "de-DE",
                "email", 30));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        MimeMessage mail = mailsTo(email).get(0);
        assertThat(mail.getSubject()).isEqualTo("Ihre Bestellung SO-G1 ist bestätigt");
        assertThat(parts(mail).get("text/plain")).contains("vielen Dank für Ihre Bestellung SO-G1", "2 x Enamel mug");
        assertThat(smsTo("+4915112340003")).isEmpty();
    }

    static String twilioMessage(String sid) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "text", "date_created": null,
                 "date_sent": null, "date_updated": null, "direction": "outbound-api", "error_code": null,
                 "error_message": null, "from": "+15005550006", "messaging_service_sid": null, "num_media": "0",
                 "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%s", "status": "queued",
                 "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/%2$s/Media.json"},
                 "to": "+4915112345678", "uri": "/2010-04-01/Accounts/%1$s/Messages/%2$s.json"}
                """.formatted(ACCOUNT_SID, sid);
    }

    /** The Twilio Messages API requests for one recipient, as decoded form fields, in order. */
    static List<Map<String, String>> smsTo(String phone) {
        return TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES_PATH)).withRequestBody(
                        containing("To=" + java.net.URLEncoder.encode(phone, StandardCharsets.UTF_8))))
                .stream().map(NotificationJourneyIT::form).toList();
    }

    static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> b, LinkedHashMap::new));
    }

    /** The parts of a multipart/alternative mail by their content type. */
    static Map<String, String> parts(MimeMessage mail) throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        collect(mail.getContent(), mail.getContentType(), parts);
        return parts;
    }

    private static void collect(Object content, String type, Map<String, String> into) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), into);
            }
        } else {
            into.put(type.split(";")[0].trim().toLowerCase(), content.toString());
        }
    }
}
