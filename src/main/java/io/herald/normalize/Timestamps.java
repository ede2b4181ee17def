package io.herald.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Reads the timestamps that mappings produce: ISO-8601 with or without an offset ({@code Z}, {@code +01:00},
 * {@code +0100}), a space or a {@code T} between date and time, a bare date, or epoch seconds or milliseconds. A
 * timestamp without an offset is placed in the zone given; without a zone it is refused, never taken as UTC.
 */
final class Timestamps {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** Returns the timestamp with its offset, or throws {@link IllegalArgumentException} naming what was wrong. */
    static OffsetDateTime resolve(Object raw, ZoneId zone) {
        return resolve(raw, () -> zone);
    }

    /**
     * Returns the timestamp with its offset; the zone is asked for only when the timestamp has none, so a caller can
     * tell (and count) which events needed it.
     */
    static OffsetDateTime resolve(Object raw, java.util.function.Supplier<ZoneId> zone) {
        if (raw instanceof Number epoch) {
            long value = epoch.longValue();
            Instant instant = value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        String text = raw.toString().trim();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            TemporalAccessor parsed = ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime withOffset) {
                return withOffset;
            }
            return inZone((LocalDateTime) parsed, zone, text);
        } catch (DateTimeParseException notDateTime) {
            try {
                return inZone(LocalDate.parse(text).atStartOfDay(), zone, text);
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("not an ISO-8601 timestamp: '" + abbreviate(text) + "'");
            }
        }
    }

    private static OffsetDateTime inZone(LocalDateTime local, java.util.function.Supplier<ZoneId> zones, String text) {
        ZoneId zone = zones.get();
        if (zone == null) {
            throw new NoZoneException("'" + abbreviate(text) + "' has no offset, and neither the event, its "
                    + "place, nor the source names a zone (herald.sources.<source>.zone)");
        }
        return local.atZone(zone).toOffsetDateTime();
    }

    /** A timestamp without an offset, and no zone to read it in. */
    static final class NoZoneException extends IllegalArgumentException {

        NoZoneException(String message) {
            super(message);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
