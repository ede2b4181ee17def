package io.herald.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamps that mappings produce. A timestamp without an offset is placed in the zone given, never
 * silently taken as UTC.
 */
final class Timestamps {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private Timestamps() {
    }

    /** Returns the ISO-8601 text with offset, or throws {@link IllegalArgumentException} naming what was wrong. */
    static String resolve(Object raw, ZoneId zone) {
        if (raw instanceof Number epoch) {
            long value = epoch.longValue();
            Instant instant = value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            return instant.atZone(zone).toOffsetDateTime().toString();
        }
        String text = raw.toString().trim();
        try {
            return OffsetDateTime.parse(text).toString();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text, LOCAL).atZone(zone).toOffsetDateTime().toString();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toOffsetDateTime().toString();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("not an ISO-8601 timestamp: '" + abbreviate(text) + "'");
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
