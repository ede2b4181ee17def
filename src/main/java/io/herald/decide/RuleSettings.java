package io.herald.decide;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Settings of the trigger rules, read once at startup:
 * <ul>
 * <li>{@code herald.rules.<type>.enabled}: false switches a type off, without Java ({@code shipped},
 * {@code out-for-delivery} or {@code out_for_delivery});</li>
 * <li>{@code herald.rules.eta-changed.threshold}: an estimated delivery that moves by more than this notifies even
 * when it stays on the same day (default 12 h);</li>
 * <li>{@code herald.rules.stalled.after}: no carrier scan for this long in transit makes a shipment stalled (default
 * 72 h); {@code herald.rules.stalled.carriers.<carrier>.<status>} sets it per carrier and status, in lower case;</li>
 * <li>{@code herald.rules.stalled.period}: how often stalled shipments are looked for, in milliseconds (route).</li>
 * </ul>
 */
@Component
public class RuleSettings {

    private final Map<NotificationType, Boolean> enabled = new EnumMap<>(NotificationType.class);
    private final Duration etaThreshold;
    private final Duration stalledAfter;
    private final Map<String, Map<String, Duration>> stalledByCarrier;

    @org.springframework.beans.factory.annotation.Autowired
    public RuleSettings(Environment environment) {
        Binder binder = Binder.get(environment);
        for (NotificationType type : NotificationType.values()) {
            boolean on = binder.bind("herald.rules." + type.wire().replace('_', '-') + ".enabled", Boolean.class)
                    .orElse(true);
            enabled.put(type, on);
        }
        this.etaThreshold = binder.bind("herald.rules.eta-changed.threshold", Duration.class)
                .orElse(Duration.ofHours(12));
        this.stalledAfter = binder.bind("herald.rules.stalled.after", Duration.class).orElse(Duration.ofHours(72));
        ResolvableType byStatus = ResolvableType.forClassWithGenerics(Map.class, String.class, Duration.class);
        Bindable<Map<String, Map<String, Duration>>> byCarrier = Bindable.of(ResolvableType.forClassWithGenerics(
                Map.class, ResolvableType.forClass(String.class), byStatus));
        this.stalledByCarrier = binder.bind("herald.rules.stalled.carriers", byCarrier).orElse(Map.of());
    }

    RuleSettings(Map<NotificationType, Boolean> enabled, Duration etaThreshold, Duration stalledAfter,
                 Map<String, Map<String, Duration>> stalledByCarrier) {
        for (NotificationType type : NotificationType.values()) {
            this.enabled.put(type, enabled.getOrDefault(type, true));
        }
        this.etaThreshold = etaThreshold;
        this.stalledAfter = stalledAfter;
        this.stalledByCarrier = stalledByCarrier;
    }

    public boolean enabled(NotificationType type) {
        return enabled.get(type);
    }

    public Duration etaThreshold() {
        return etaThreshold;
    }

    /** How long a shipment of this carrier may sit in this status without a scan; null: it never stalls there. */
    public Duration stalledAfter(String carrier, String status) {
        Map<String, Duration> own = stalledByCarrier.get(carrier);
        Duration configured = own == null ? null : own.get(status.toLowerCase(Locale.ROOT));
        if (configured != null) {
            return configured;
        }
        return "IN_TRANSIT".equals(status) ? stalledAfter : null;
    }

    /** The shortest stall time of any carrier and status, for the scan's first filter. */
    public Duration shortestStall() {
        Duration shortest = stalledAfter;
        for (Map<String, Duration> own : stalledByCarrier.values()) {
            for (Duration d : own.values()) {
                shortest = d.compareTo(shortest) < 0 ? d : shortest;
            }
        }
        return shortest;
    }
}
