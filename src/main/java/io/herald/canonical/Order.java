package io.herald.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * @param customerId the customer who placed the order; the order event's {@code customer} section carries the details
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(
        String orderId,
        OrderStatus status,
        String customerId,
        BigDecimal total,
        String currency,
        List<OrderItem> items) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderItem(String sku, String name, Integer quantity) {
    }
}
