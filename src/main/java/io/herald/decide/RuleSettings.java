package io.herald.decide;

import io.herald.canonical.ShipmentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
 * 72 h); {@code herald.rules.stalled.carriers.<carrier>.<status>} sets it per carrier and status, for any status a
 * shipment can still leave ({@link #STALLABLE}; {@code in_transit} or {@code in-transit}). A status without a stall
 * time never stalls. A setting that cannot take effect (a final or unknown status, a name that is not a status, a
 * time that is not positive, a status set twice) stops the startup;</li>
 * <li>{@code herald.rules.stalled.period}: how often stalled shipments are looked for, in milliseconds (route).</li>
 * </ul>
 */
@Component
public class RuleSettings {

    /** The statuses a stall time can be set for: those a shipment can still leave, not final nor UNKNOWN. */
    static final Set<ShipmentStatus> STALLABLE = EnumSet.of(ShipmentStatus.INFO_RECEIVED, ShipmentStatus.IN_TRANSIT,
            ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.AVAILABLE_FOR_PICKUP, ShipmentStatus.ATTEMPT_FAILED,
            ShipmentStatus.EXCEPTION);

    private final Map<NotificationType, Boolean> enabled = new EnumMap<>(NotificationType.class);
    private final Duration etaThreshold;
    private final Duration stalledAfter;
    private final Map<String, Map<ShipmentStatus, Duration>> stalledByCarrier;
    private final List<StallTime> stallTimes;

    /**
     * One stall time and the shipments it applies to: those of {@code carrier} in {@code status}, or, when carrier is
     * null (the default, {@code herald.rules.stalled.after}), those of every carrier but {@code exceptCarriers},
     * which have a stall time of their own for the status.
     */
    public record StallTime(ShipmentStatus status, String carrier, Set<String> exceptCarriers, Duration after) {
    }

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
        this.stalledByCarrier = stallTimesByCarrier(binder.bind("herald.rules.stalled.carriers", byCarrier)
                .orElse(Map.of()));
        checkPositive("herald.rules.stalled.after", stalledAfter);
        this.stallTimes = stallTimes(stalledAfter, stalledByCarrier);
    }

    RuleSettings(Map<NotificationType, Boolean> enabled, Duration etaThreshold, Duration stalledAfter,
                 Map<String, Map<String, Duration>> stalledByCarrier) {
        for (NotificationType type : NotificationType.values()) {
            this.enabled.put(type, enabled.getOrDefault(type, true));
        }
        this.etaThreshold = etaThreshold;
        this.stalledAfter = stalledAfter;
        this.stalledByCarrier = stallTimesByCarrier(stalledByCarrier);
        checkPositive("herald.rules.stalled.after", stalledAfter);
        this.stallTimes = stallTimes(stalledAfter, this.stalledByCarrier);
    }

    public boolean enabled(NotificationType type) {
        return enabled.get(type);
    }

    public Duration etaThreshold() {
        return etaThreshold;
    }

    /**
     * Every stall time, each to be looked for on its own: the default in transit, then each carrier's own. A shipment
     * is under exactly one of them, or under none and never stalls.
     */
    public List<StallTime> stallTimes() {
        return stallTimes;
    }

    private static List<StallTime> stallTimes(Duration stalledAfter,
                                              Map<String, Map<ShipmentStatus, Duration>> byCarrier) {
        Set<String> ownInTransit = byCarrier.entrySet().stream()
                .filter(e -> e.getValue().containsKey(ShipmentStatus.IN_TRANSIT)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        List<StallTime> all = new ArrayList<>();
        all.add(new StallTime(ShipmentStatus.IN_TRANSIT, null, Set.copyOf(ownInTransit), stalledAfter));
        byCarrier.forEach((carrier, own) -> own.forEach((status, after) ->
                all.add(new StallTime(status, carrier, Set.of(), after))));
        return List.copyOf(all);
    }

    /** The per-carrier stall times by status, or a startup failure naming a setting that cannot take effect. */
    private static Map<String, Map<ShipmentStatus, Duration>> stallTimesByCarrier(
            Map<String, Map<String, Duration>> configured) {
        Map<String, Map<ShipmentStatus, Duration>> byCarrier = new LinkedHashMap<>();
        configured.forEach((carrier, byStatus) -> {
            Map<ShipmentStatus, Duration> own = new EnumMap<>(ShipmentStatus.class);
            byStatus.forEach((name, after) -> {
                String key = "herald.rules.stalled.carriers." + carrier + "." + name;
                ShipmentStatus status = stallable(key, name);
                checkPositive(key, after);
                if (own.put(status, after) != null) {
                    throw new IllegalStateException(key + ": the stall time of " + carrier + " for "
                            + status.name().toLowerCase(Locale.ROOT) + " is set twice");
                }
            });
            byCarrier.put(carrier, own);
        });
        return byCarrier;
    }

    private static ShipmentStatus stallable(String key, String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        ShipmentStatus status = Arrays.stream(ShipmentStatus.values()).filter(s -> s.name().equals(normal))
                .findFirst().orElse(null);
        if (status == null || !STALLABLE.contains(status)) {
            String why = status == null ? "'" + name + "' is not a shipment status"
                    : status.name().toLowerCase(Locale.ROOT) + " is final or unknown, a shipment never stalls there";
            throw new IllegalStateException(key + ": " + why + "; a stall time can be set for "
                    + STALLABLE.stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
        return status;
    }

    private static void checkPositive(String key, Duration after) {
        if (after == null || after.isZero() || after.isNegative()) {
            throw new IllegalStateException(key + ": a stall time must be positive, not " + after);
        }
    }
}
