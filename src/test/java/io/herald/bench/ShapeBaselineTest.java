package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.bench.BenchmarkWorkload.Round;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ShapeBaselineTest {

    private static final String[] EMAIL = {"Your order has shipped", "<p>It has.</p>", "It has."};

    @Test
    void eachRecordMakesTheNotificationsHeraldsWorkloadMakesForIt() throws Exception {
        Round round = new BenchmarkWorkload(20).round("M", 100);
        ObjectMapper json = new ObjectMapper();
        int emails = 0;
        int texts = 0;
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (String payload : round.payloads()) {
                Exchange exchange = new DefaultExchange(camel);
                exchange.getMessage().setBody(json.readValue(payload, Map.class));
                List<Map<String, Object>> notifications = ShapeBaseline.notifications(exchange, EMAIL);
                emails += (int) notifications.stream().filter(n -> n.containsKey("html")).count();
                texts += (int) notifications.stream().filter(n -> !n.containsKey("html")).count();
            }
        }

        assertThat(emails + texts).isEqualTo(round.notifications());
        // 20 orders, 5 shipments each; orders j % 4: 0 and 1 both, 2 email, 3 SMS
        assertThat(emails).isEqualTo(75);
        assertThat(texts).isEqualTo(75);
    }
}
