package io.herald.intake;

import io.herald.support.Names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.HeraldProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

class WebhookSignaturesTest {

    private static final String BODY = "{\"object\": \"Event\", \"description\": \"tracker.updated\"}";
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private final MockEnvironment environment = new MockEnvironment();

    private WebhookSignatures signatures(Map<String, String> settings) {
        HeraldProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("herald", HeraldProperties.class);
        return new WebhookSignatures(properties, metrics, environment);
    }

    private static Exchange webhook(String source, String header, String value) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Names.Header.SOURCE, source);
        if (header != null) {
            exchange.getMessage().setHeader(header, value);
        }
        exchange.getMessage().setBody(BODY.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    private static byte[] hmac(String secret) {
        return WebhookSignatures.hmac(secret.getBytes(StandardCharsets.UTF_8), BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void easypostSignatureOverTheRawBodyPasses() {
        var check = signatures(Map.of("herald.sources.easypost.signature", "easypost",
                "herald.sources.easypost.secret", "s3cr3t"));
        String header = "hmac-sha256-hex=" + HexFormat.of().formatHex(hmac("s3cr3t"));
        assertThatCode(() -> check.verify(webhook("easypost", "X-Hmac-Signature", header))).doesNotThrowAnyException();
    }

    @Test
    void easypostSignatureWithTheWrongSecretIsRefusedAndCounted() {
        var check = signatures(Map.of("herald.sources.easypost.signature", "easypost",
                "herald.sources.easypost.secret", "s3cr3t"));
        String forged = "hmac-sha256-hex=" + HexFormat.of().formatHex(hmac("guess"));
        assertThatThrownBy(() -> check.verify(webhook("easypost", "X-Hmac-Signature", forged)))
                .isInstanceOf(WebhookSignatures.UnauthorizedWebhookException.class);
        assertThatThrownBy(() -> check.verify(webhook("easypost", null, null)))
                .isInstanceOf(WebhookSignatures.UnauthorizedWebhookException.class);
        assertThat(metrics.get("herald.intake.unauthorized").tag("source", "easypost").counter().count()).isEqualTo(2);
    }

    @Test
    void shopifyWooCommerceAndAfterShipUseBase64HmacInTheirOwnHeaders() {
        var check = signatures(Map.of(
                "herald.sources.shopify-order.signature", "shopify", "herald.sources.shopify-order.secret", "shp",
                "herald.sources.woocommerce-order.signature", "woocommerce",
                "herald.sources.woocommerce-order.secret", "wc",
                "herald.sources.aftership.signature", "aftership", "herald.sources.aftership.secret", "as"));
        assertThatCode(() -> check.verify(webhook("shopify-order", "X-Shopify-Hmac-Sha256",
                Base64.getEncoder().encodeToString(hmac("shp"))))).doesNotThrowAnyException();
        assertThatCode(() -> check.verify(webhook("woocommerce-order", "X-WC-Webhook-Signature",
                Base64.getEncoder().encodeToString(hmac("wc"))))).doesNotThrowAnyException();
        assertThatCode(() -> check.verify(webhook("aftership", "aftership-hmac-sha256",
                Base64.getEncoder().encodeToString(hmac("as"))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.verify(webhook("shopify-order", "X-Shopify-Hmac-Sha256",
                Base64.getEncoder().encodeToString(hmac("wc")))))
                .isInstanceOf(WebhookSignatures.UnauthorizedWebhookException.class);
    }

    @Test
    void secretOfASourceWithADashInItsIdComesFromItsEnvironmentVariable() {
        environment.setProperty("HERALD_SOURCES_SHOPIFY_ORDER_SECRET", "shop-secret");
        var check = signatures(Map.of("herald.sources.shopify-order.signature", "shopify",
                "herald.intake.require-signatures", "true"));
        String good = Base64.getEncoder().encodeToString(hmac("shop-secret"));
        String forged = Base64.getEncoder().encodeToString(hmac("guess"));

        assertThatCode(() -> check.verify(webhook("shopify-order", "X-Shopify-Hmac-Sha256", good)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check.verify(webhook("shopify-order", "X-Shopify-Hmac-Sha256", forged)))
                .isInstanceOf(WebhookSignatures.UnauthorizedWebhookException.class);
    }

    @Test
    void apiKeySourceNeedsTheConfiguredKey() {
        var check = signatures(Map.of("herald.sources.oms.signature", "api-key", "herald.sources.oms.secret", "k-123"));
        assertThatCode(() -> check.verify(webhook("oms", "X-Api-Key", "k-123"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.verify(webhook("oms", "X-Api-Key", "k-124")))
                .isInstanceOf(WebhookSignatures.UnauthorizedWebhookException.class);
    }

    @Test
    void sourceWithoutSecretIsAcceptedByDefaultAndRefusedWhenSignaturesAreRequired() {
        assertThatCode(() -> signatures(Map.of()).verify(webhook("oms", null, null))).doesNotThrowAnyException();
        assertThatThrownBy(() -> signatures(Map.of("herald.intake.require-signatures", "true"))
                .verify(webhook("oms", null, null)))
                .isInstanceOf(WebhookSignatures.UnauthorizedWebhookException.class);
    }

    @Test
    void settingsOfASourceWithoutSecretSayRefusedWhenSignaturesAreRequired() {
        var check = signatures(Map.of("herald.intake.require-signatures", "true",
                "herald.sources.acme-parcel.signature", "api-key"));

        assertThat(check.settingsOf("acme-parcel"))
                .isEqualTo(new WebhookSignatures.Settings("api-key", false, "refused"));
        assertThatThrownBy(() -> check.verify(webhook("acme-parcel", null, null)))
                .isInstanceOf(WebhookSignatures.UnauthorizedWebhookException.class);
    }

    @Test
    void settingsCountASecretFromTheEnvironmentByTheSourcesVariableName() {
        environment.setProperty("HERALD_SOURCES_ACME_PARCEL_SECRET", "from-env-3");
        var check = signatures(Map.of("herald.sources.acme-parcel.zone", "Europe/Berlin"));

        assertThat(check.settingsOf("acme-parcel"))
                .isEqualTo(new WebhookSignatures.Settings("api-key", true, "verified"));
        assertThat(check.settingsOf("other-parcel"))
                .isEqualTo(new WebhookSignatures.Settings("api-key", false, "accepted-unsigned"));
    }
}
