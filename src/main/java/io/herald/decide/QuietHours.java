package io.herald.decide;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hours in the recipient's zone when Herald does not send on some channels, {@code herald.quiet-hours.*}. A
 * message decided inside them is deferred to their end, not dropped.
 *
 * @param start       when they begin, local time of the recipient
 * @param end         when they end; before {@code start} means they run over midnight
 * @param channels    the channels they apply to; empty turns them off
 * @param critical    what a critical alert does inside them: {@code defer} or {@code send}
 * @param defaultZone the recipient's zone when neither the customer, the shipment nor the phone number gives one
 */
@ConfigurationProperties("herald.quiet-hours")
public record QuietHours(
        @DefaultValue("21:00") LocalTime start,
        @DefaultValue("08:00") LocalTime end,
        @DefaultValue("sms") Set<String> channels,
        @DefaultValue("defer") Critical critical,
        @DefaultValue("America/New_York") ZoneId defaultZone) {

    public enum Critical { DEFER, SEND }

    /** Whether the channel is quiet at this instant in this zone. */
    public boolean quiet(String channel, Instant now, ZoneId zone) {
        if (!channels.contains(channel) || start.equals(end)) {
            return false;
        }
        LocalTime local = now.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /**
     * Whether a message waits on this channel at this instant in this zone: the channel is quiet, and the message is
     * not a critical alert while {@code critical} is {@code send}.
     */
    public boolean holds(String channel, boolean criticalAlert, Instant now, ZoneId zone) {
        return quiet(channel, now, zone) && !(criticalAlert && critical == Critical.SEND);
    }

    /** An end of the quiet hours as reasons name it, in local time and zone: "2026-12-03T08:00:00 Europe/Berlin". */
    public static String local(Instant end, ZoneId zone) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(end.atZone(zone).toLocalDateTime()) + " " + zone;
    }

    /** The next end of the quiet hours after this instant, in this zone. */
    public Instant endAfter(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime end = local.with(this.end);
        if (!end.isAfter(local)) {
            end = end.plusDays(1).with(this.end);
        }
        return end.toInstant();
    }
}
