package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.converter.stream.InputStreamCache;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamCacheTextTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void start() {
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void camelConvertsAMarshalledBodyToTextThroughItOnceRegistered() {
        TypeConverter camels = camel.getTypeConverterRegistry().lookup(String.class, InputStreamCache.class);
        camel.getTypeConverterRegistry().addTypeConverters(new StreamCacheText());
        TypeConverter registered = camel.getTypeConverterRegistry().lookup(String.class, InputStreamCache.class);

        assertThat(camels).as("Camel's bulk converters, before").isNotNull();
        assertThat(registered).isNotSameAs(camels).asString().contains(StreamCacheText.class.getName() + ".toText");
        String json = "{\"subject\":\"Grüße aus Köln — ✓\",\"emoji\":\"📦\"}";
        Exchange exchange = new DefaultExchange(camel);
        assertThat(camel.getTypeConverter().convertTo(String.class, exchange,
                new InputStreamCache(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(json);
    }

    @Test
    void readsWhatIsLeftOfTheCacheInTheExchangesCharset() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Exchange.CHARSET_NAME, "ISO-8859-1");
        InputStreamCache cache = new InputStreamCache("xxGrüße".getBytes(StandardCharsets.ISO_8859_1));
        cache.skip(2);

        assertThat(new StreamCacheText().toText(cache, exchange)).isEqualTo("Grüße");
        assertThat(new StreamCacheText().toText(new InputStreamCache("Grüße".getBytes(StandardCharsets.UTF_8)),
                new DefaultExchange(camel))).as("UTF-8 unless the exchange says otherwise").isEqualTo("Grüße");
        assertThat(new StreamCacheText().toText(new InputStreamCache("Grüße".getBytes(StandardCharsets.UTF_8)), null))
                .as("a conversion without an exchange").isEqualTo("Grüße");
    }
}
