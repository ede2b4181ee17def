package io.herald.render;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.herald.config.HeraldProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The preview API in a web slice, on the real renderer and templates; who may call it is SecurityConfiguration's. */
@WebMvcTest(controllers = TemplatePreviewController.class, properties = {
        "herald.kafka.embedded.enabled=false",
        "herald.mail.local-sink.enabled=false"})
@AutoConfigureMockMvc(addFilters = false)
@Import({MessageRenderer.class, TemplateRenderer.class, Brand.class})
@EnableConfigurationProperties({HeraldProperties.class, BrandProperties.class, SmsProperties.class})
class TemplatePreviewControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void frenchDelayedSmsSampleHasItsReasonNewEtaAndSegmentCount() throws Exception {
        mvc.perform(post("/api/v1/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"delayed\", \"channel\": \"sms\", \"locale\": \"fr-CA\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("delayed"))
                .andExpect(jsonPath("$.channel").value("sms"))
                .andExpect(jsonPath("$.locale").value("fr"))
                .andExpect(jsonPath("$.subject").value(nullValue()))
                .andExpect(jsonPath("$.text").value(containsString("a du retard : mauvais temps.")))
                .andExpect(jsonPath("$.text").value(containsString("Nouvelle date de livraison : mardi 3 mars.")))
                .andExpect(jsonPath("$.encoding").value("GSM-7"))
                .andExpect(jsonPath("$.segments").value(2));
    }

    @Test
    void givenEventReplacesTheSampleValues() throws Exception {
        String event = """
                {"type": "shipment", "source": "dhl", "occurredAt": "2026-04-07T10:00:00+02:00",
                 "shipment": {"trackingNumber": "00340434161094015902", "carrier": "dhl", "status": "EXCEPTION",
                              "exceptionReason": "CUSTOMS", "estimatedDelivery": "2026-04-10T12:00:00+02:00",
                              "location": "Köln, DE", "orderId": "SO-77"},
                 "customer": {"customerId": "C-1", "name": "Lena Schmidt", "locale": "de-DE",
                              "timezone": "Europe/Berlin"}}
                """;
        mvc.perform(post("/api/v1/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"delayed\", \"channel\": \"email\", \"event\": " + event + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.locale").value("de"))
                .andExpect(jsonPath("$.subject").value("Ihre Bestellung SO-77 verspätet sich"))
                .andExpect(jsonPath("$.text").value(containsString("Hallo Lena,")))
                .andExpect(jsonPath("$.text").value(containsString("Das Paket ist in der Zollabfertigung.")))
                .andExpect(jsonPath("$.text").value(containsString("Freitag, 10. April")))
                .andExpect(jsonPath("$.text").value(containsString("tracking-id=00340434161094015902")))
                .andExpect(jsonPath("$.html").value(containsString("<strong>SO-77</strong>")))
                .andExpect(jsonPath("$.encoding").value(nullValue()))
                .andExpect(jsonPath("$.segments").value(0));
    }

    @Test
    void pushPreviewHasTheEmailSubjectAsTitleAndTheSmsTextAsBody() throws Exception {
        mvc.perform(post("/api/v1/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"delayed\", \"channel\": \"push\", \"locale\": \"fr\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("push"))
                .andExpect(jsonPath("$.locale").value("fr"))
                .andExpect(jsonPath("$.subject").value(containsString("retard")))
                .andExpect(jsonPath("$.text").value(containsString("a du retard : mauvais temps.")))
                .andExpect(jsonPath("$.html").value(nullValue()))
                .andExpect(jsonPath("$.segments").value(0));
    }

    @Test
    void unknownTypeIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"lottery_won\", \"channel\": \"sms\", \"locale\": \"en\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://herald.dev/problems/unknown-template"))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.detail").value(containsString("delayed")))
                .andExpect(jsonPath("$.detail").value(not(containsString("lottery"))));
    }

    @Test
    void aRequestWithoutTypeIsAProblemNotAServerError() throws Exception {
        mvc.perform(post("/api/v1/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\": \"sms\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unknownChannelIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/templates/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"shipped\", \"channel\": \"pigeon\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unknown template"));
    }
}
