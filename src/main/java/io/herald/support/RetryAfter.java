package io.herald.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Reads an HTTP answer's {@code Retry-After} (RFC 9110): seconds, or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait the headers ask for, counted from {@code now}; zero for a date already past, empty without a readable
     * {@code Retry-After}. The header's name is matched in any case.
     */
    public static Optional<Duration> of(Map<String, ?> headers, Instant now) {
        String value = null;
        if (headers != null) {
            for (Map.Entry<String, ?> header : headers.entrySet()) {
                if ("Retry-After".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                    value = header.getValue().toString();
                }
            }
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
