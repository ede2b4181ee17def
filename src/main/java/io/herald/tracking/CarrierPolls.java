package io.herald.tracking;

import io.herald.normalize.IntakeRejectedException;
import io.herald.ops.HeraldMetrics;
import io.herald.ops.SourceHealth;
import io.herald.support.SqlFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The bookkeeping of carrier polling (routes/polling/carrier-tracking-poll.camel.yaml): which shipments are due,
 * taking them so that no other instance polls them at the same time, and when each is due next after its outcome.
 * A carrier that answered 429 is paused, all its shipments, until its Retry-After (or an exponential backoff). The
 * pause is a row of {@code carrier_pause}, so every instance sees it, and it ends at its time on the injected clock.
 */
public class CarrierPolls {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierPolls.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final PollingProperties properties;
    private final PollSchedule schedule;
    private final HeraldMetrics metrics;
    private final SourceHealth sourceHealth;
    private final Clock clock;

    public CarrierPolls(NamedParameterJdbcTemplate jdbc, SqlFiles sql, PollingProperties properties,
                        HeraldMetrics metrics, SourceHealth sourceHealth, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.properties = properties;
        this.schedule = new PollSchedule(properties.schedule());
        this.metrics = metrics;
        this.sourceHealth = sourceHealth;
        this.clock = clock;
    }

    /**
     * The shipments due now, of carriers that are polled and not paused, at most {@code batch-size}, each taken for
     * {@code lease}. A shipment another instance took first is left out.
     */
    public List<PollTarget> due() {
        Instant now = clock.instant();
        List<String> carriers = properties.polledCarriers().keySet().stream().sorted().toList();
        if (carriers.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("carriers", carriers)
                .addValue("now", utc(now))
                .addValue("oldest", utc(now.minus(properties.maxAge())))
                .addValue("limit", properties.batchSize());
        List<PollTarget> candidates = jdbc.query(sql.get("tracking/list-due-shipments"), params,
                (rs, n) -> new PollTarget(rs.getString("carrier"), rs.getString("tracking_number"),
                        rs.getString("status"), rs.getObject("estimated_delivery", OffsetDateTime.class),
                        rs.getInt("consecutive_failures")));
        List<PollTarget> taken = new ArrayList<>();
        for (PollTarget target : candidates) {
            if (take(target, now)) {
                taken.add(target);
            }
        }
        return taken;
    }

    /** The carrier of this shipment answered 429 lately and is paused. */
    public boolean isPaused(PollTarget target) {
        return isPaused(target.carrier(), clock.instant());
    }

    /** A shipment taken while its carrier is paused: due again when the pause ends. */
    public void defer(PollTarget target) {
        Instant paused = pausedUntil(target.carrier());
        Instant until = paused == null ? clock.instant() : paused;
        jdbc.update(sql.get("tracking/defer-tracking-poll"), key(target).addValue("nextPollAt", utc(until)));
    }

    /** The carrier answered and its events went to intake: due again as the schedule says. */
    public void polled(Exchange exchange) {
        PollTarget target = target(exchange);
        Instant now = clock.instant();
        jdbc.update(sql.get("tracking/reset-carrier-strikes"), new MapSqlParameterSource()
                .addValue("carrier", target.carrier()).addValue("now", utc(now)));
        Duration wait = schedule.afterPoll(target.status(), target.estimatedDelivery(), now);
        record(target, now, now.plus(wait), "OK", 0, null);
        metrics.carrierPoll(target.carrier(), "ok");
    }

    /**
     * The poll failed after its retries (the route configuration's onException). A 404 is a number the carrier does
     * not know (yet): polled again slowly. A 429 pauses the carrier. Anything else counts as a failure and backs off.
     */
    public void failed(Exchange exchange) {
        PollTarget target = target(exchange);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (target == null) {
            LOG.warn("A carrier poll failed before its request was built: {}", describe(failure));
            return;
        }
        Instant now = clock.instant();
        int status = failure instanceof HttpOperationFailedException http ? http.getStatusCode() : 0;
        if (status == 404) {
            record(target, now, now.plus(schedule.afterNotFound()), "NOT_FOUND", 0, "HTTP 404");
            metrics.carrierPoll(target.carrier(), "not_found");
        } else if (status == 429) {
            Instant until = pause(target.carrier(), (HttpOperationFailedException) failure, now);
            record(target, now, until, "RATE_LIMITED", target.consecutiveFailures(), "HTTP 429");
            metrics.carrierPoll(target.carrier(), "rate_limited");
            sourceHealth.failed(target.carrier(), "RATE_LIMITED");
        } else {
            int failures = target.consecutiveFailures() + 1;
            String reason = status > 0 ? "HTTP " + status : describe(failure);
            LOG.warn("Polling {} for a shipment failed ({} in a row): {}", target.carrier(), failures, reason);
            record(target, now, now.plus(schedule.afterFailure(failures)), "FAILED", failures, reason);
            metrics.carrierPoll(target.carrier(), "failed");
            if (!(failure instanceof IntakeRejectedException)) {
                // a refused answer is counted as the source's refusal already, by the intake failures
                sourceHealth.failed(target.carrier(), "POLL_FAILED");
            }
        }
    }

    /** Until when the carrier is (or was last) paused, or null when it never answered 429. */
    public Instant pausedUntil(String carrier) {
        return lastPause(carrier).map(Pause::until).orElse(null);
    }

    private boolean isPaused(String carrier, Instant now) {
        Instant until = pausedUntil(carrier);
        return until != null && now.isBefore(until);
    }

    /**
     * Pauses the carrier for every instance: until the 429's Retry-After, else for the backoff of its strikes (429s in
     * a row, whichever instance got them). A longer pause already recorded stays.
     */
    private Instant pause(String carrier, HttpOperationFailedException failure, Instant now) {
        int strikes = lastPause(carrier).map(Pause::strikes).orElse(0) + 1;
        Duration wait = retryAfter(failure.getResponseHeaders(), now);
        Instant until = now.plus(wait != null ? wait : schedule.afterRateLimit(strikes));
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("carrier", carrier)
                .addValue("pausedUntil", utc(until)).addValue("now", utc(now));
        if (jdbc.update(sql.get("tracking/update-carrier-pause"), params) == 0) {
            try {
                jdbc.update(sql.get("tracking/insert-carrier-pause"), params);
            } catch (DuplicateKeyException pausedElsewhere) {
                // another instance recorded the carrier's first 429 at the same moment
                jdbc.update(sql.get("tracking/update-carrier-pause"), params);
            }
        }
        Instant paused = pausedUntil(carrier);
        LOG.warn("{} answered 429: its polls pause until {}", carrier, paused);
        return paused;
    }

    private Optional<Pause> lastPause(String carrier) {
        return jdbc.query(sql.get("tracking/find-carrier-pause"), new MapSqlParameterSource("carrier", carrier),
                (rs, n) -> new Pause(rs.getObject("paused_until", OffsetDateTime.class).toInstant(),
                        rs.getInt("strikes"))).stream().findFirst();
    }

    /** A row of {@code carrier_pause}. */
    private record Pause(Instant until, int strikes) {
    }

    /** Retry-After in delta-seconds or as an HTTP date (RFC 9110); null when absent or unreadable. */
    static Duration retryAfter(Map<String, String> headers, Instant now) {
        return io.herald.support.RetryAfter.of(headers, now).orElse(null);
    }

    private boolean take(PollTarget target, Instant now) {
        MapSqlParameterSource params = key(target).addValue("now", utc(now))
                .addValue("leaseUntil", utc(now.plus(properties.lease())));
        if (jdbc.update(sql.get("tracking/claim-tracking-poll"), params) == 1) {
            return true;
        }
        try {
            // never polled before: no row yet
            return jdbc.update(sql.get("tracking/insert-tracking-poll"), params) == 1;
        } catch (DuplicateKeyException takenElsewhere) {
            return false;
        }
    }

    private void record(PollTarget target, Instant now, Instant next, String outcome, int failures, String error) {
        jdbc.update(sql.get("tracking/update-tracking-poll"), key(target)
                .addValue("nextPollAt", utc(next))
                .addValue("now", utc(now))
                .addValue("outcome", outcome)
                .addValue("consecutiveFailures", failures)
                .addValue("lastError", error == null ? null : error.substring(0, Math.min(500, error.length()))));
    }

    private static PollTarget target(Exchange exchange) {
        return exchange.getProperty(CarrierRequests.TARGET, PollTarget.class);
    }

    private static MapSqlParameterSource key(PollTarget target) {
        return new MapSqlParameterSource().addValue("carrier", target.carrier())
                .addValue("trackingNumber", target.trackingNumber());
    }

    private static String describe(Exception failure) {
        return failure == null ? "unknown" : failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
