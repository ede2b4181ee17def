package io.herald.intake;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.herald.config.HeraldProperties;
import io.herald.normalize.MappingRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sources API in a web slice, on application.yaml's settings and mappings, plus a source that has settings and no
 * mapping yet; who may call it is SecurityConfiguration's (ApiSecurityTest).
 */
@WebMvcTest(controllers = SourcesController.class, properties = {
        "herald.kafka.embedded.enabled=false",
        "herald.mail.local-sink.enabled=false",
        "herald.inbox.root=/srv/herald/inbox",
        "herald.sources.acme-parcel.zone=Europe/Berlin",
        "herald.sources.acme-parcel.phone-region=DE",
        "herald.sources.acme-parcel.secret=slice-secret-91"})
@AutoConfigureMockMvc(addFilters = false)
@Import({MappingRegistry.class, WebhookSignatures.class, SourceTopics.class, SimpleMeterRegistry.class})
@EnableConfigurationProperties(HeraldProperties.class)
class SourcesControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void sourceWithSettingsShowsThemWithDefaultsAppliedButNeverItsSecret() throws Exception {
        mvc.perform(get("/api/v1/sources/acme-parcel"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("acme-parcel"))
                .andExpect(jsonPath("$.mapping.present").value(false))
                .andExpect(jsonPath("$.mapping.file").value(nullValue()))
                .andExpect(jsonPath("$.zone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.phoneRegion").value("DE"))
                .andExpect(jsonPath("$.signature.scheme").value("api-key"))
                .andExpect(jsonPath("$.signature.secretConfigured").value(true))
                .andExpect(jsonPath("$.signature.webhooks").value("verified"))
                .andExpect(jsonPath("$.gates.trackingNumber").value("lenient"))
                .andExpect(jsonPath("$.gates.phone").value("strict"))
                .andExpect(jsonPath("$.gates.email").value("strict"))
                .andExpect(jsonPath("$.format.format").value("json-or-xml"))
                .andExpect(jsonPath("$.waysIn.http").value("POST /api/v1/intake/acme-parcel"))
                .andExpect(jsonPath("$.waysIn.kafkaTopic").value("herald.in.acme-parcel"))
                .andExpect(jsonPath("$.waysIn.inbox").value("/srv/herald/inbox/acme-parcel/"))
                .andExpect(content().string(not(containsString("slice-secret-91"))));
    }

    @Test
    void csvSourceShowsItsMappingFileFormatAndOwnGate() throws Exception {
        mvc.perform(get("/api/v1/sources/wms-csv"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mapping.present").value(true))
                .andExpect(jsonPath("$.mapping.file").value("classpath:mappings/wms-csv.jsonata"))
                .andExpect(jsonPath("$.format.format").value("csv"))
                .andExpect(jsonPath("$.format.delimiter").value(","))
                .andExpect(jsonPath("$.format.columns").value(nullValue()))
                .andExpect(jsonPath("$.gates.trackingNumber").value("strict"))
                .andExpect(jsonPath("$.zone").value(nullValue()));
    }

    @Test
    void fixedWidthSourceShowsItsColumnsAndZone() throws Exception {
        mvc.perform(get("/api/v1/sources/erp-fixed"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format.format").value("fixed-width"))
                .andExpect(jsonPath("$.format.columns").value(endsWith("notify:96-100")))
                .andExpect(jsonPath("$.format.delimiter").value(nullValue()))
                .andExpect(jsonPath("$.zone").value("Europe/Berlin"));
    }

    @Test
    void platformSourceWithoutASecretShowsItsWebhooksAcceptedUnsigned() throws Exception {
        mvc.perform(get("/api/v1/sources/shopify-order"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signature.scheme").value("shopify"))
                .andExpect(jsonPath("$.signature.secretConfigured").value(false))
                .andExpect(jsonPath("$.signature.webhooks").value("accepted-unsigned"));
    }

    @Test
    void listHasEverySourceWithAMappingOrSettings() throws Exception {
        mvc.perform(get("/api/v1/sources"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sources[*].id").value(hasItems("oms", "ups", "17track", "wms-csv",
                        "acme-parcel")))
                .andExpect(content().string(not(containsString("slice-secret-91"))));
    }

    @Test
    void unknownSourceIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/v1/sources/no-such-source"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://herald.dev/problems/unknown-source"))
                .andExpect(jsonPath("$.status").value(404));
    }
}
