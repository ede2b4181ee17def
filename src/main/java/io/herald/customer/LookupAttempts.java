package io.herald.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The lookup form's brake on guessing: an order number that failed {@link #MAX_FAILURES} lookups within
 * {@link #WINDOW} takes no more lookups, right or wrong, until the oldest of them is a window old. Guessing the email
 * of a known order number then takes years. Kept in memory per instance, for the most recent
 * {@link #MAX_ORDERS} order numbers.
 */
@Component
class LookupAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_ORDERS = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ORDERS;
        }
    };

    LookupAttempts(Clock clock) {
        this.clock = clock;
    }

    /** Whether a lookup of this order number may be tried now. */
    synchronized boolean allowed(String orderNumber) {
        Deque<Instant> recent = failures.get(key(orderNumber));
        if (recent == null) {
            return true;
        }
        Instant since = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) {
            recent.removeFirst();
        }
        return recent.size() < MAX_FAILURES;
    }

    /** Counts a failed lookup of this order number. */
    synchronized void failed(String orderNumber) {
        failures.computeIfAbsent(key(orderNumber), k -> new ArrayDeque<>()).addLast(clock.instant());
    }

    private static String key(String orderNumber) {
        return orderNumber.strip().toLowerCase(Locale.ROOT);
    }
}
