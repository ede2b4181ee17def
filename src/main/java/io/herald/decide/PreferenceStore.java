package io.herald.decide;

import io.herald.canonical.ChannelPreference;
import io.herald.support.SqlFiles;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' preferences, sources' consent and the opt-outs, in the tables of db/&lt;vendor&gt;/V4__preferences.sql.
 * {@link #load} reads all a decision needs in one query and decides in {@link PreferenceResolver}. A customer's own
 * action always wins over a source's consent, whatever arrives later (DESIGN.md, "Consent"); an SMS STOP is per phone
 * number and lifted only from that number.
 * <p>
 * Each write first updates, then inserts only where no row exists ({@code WHERE NOT EXISTS}); two instances
 * inserting the same first row at the same instant make one of them fail on the primary key, and its caller's retry
 * (the pipeline's redelivery) then updates.
 */
@Component
public class PreferenceStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final PreferenceProperties.Defaults defaults;

    public PreferenceStore(NamedParameterJdbcTemplate jdbc, SqlFiles sql, PreferenceProperties properties) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.defaults = properties.defaults();
    }

    /** A customer's effective preferences, and whether Herald knows the customer (a customer row or stored rows). */
    record Loaded(EffectivePreferences preferences, boolean known) {
    }

    /**
     * The effective preferences for a decision. customerId may be null (defaults); phone may be null (then the
     * customer's stored phone decides whether SMS is stopped).
     */
    public EffectivePreferences load(String customerId, String phone) {
        return loadWithPresence(customerId, phone).preferences();
    }

    Loaded loadWithPresence(String customerId, String phone) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("customerId", customerId, Types.VARCHAR)
                .addValue("phone", phone, Types.VARCHAR);
        List<PreferenceChoice> choices = jdbc.query(sql.get("preferences/load-preferences"), params,
                (rs, n) -> new PreferenceChoice(rs.getString("type"), rs.getString("channel"),
                        rs.getBoolean("enabled")));
        boolean[] flags = jdbc.queryForObject(sql.get("preferences/load-preference-flags"), params,
                (rs, n) -> new boolean[] {rs.getBoolean("customer_known"), rs.getBoolean("sms_stopped"),
                        rs.getBoolean("email_unsubscribed")});
        EffectivePreferences preferences = PreferenceResolver.resolve(defaults, choices, flags[1], flags[2]);
        return new Loaded(preferences, flags[0] || !choices.isEmpty());
    }

    /**
     * The consent a source sent (a CRM, OMS or platform event): sets the email and SMS channels, unless the customer
     * chose for that channel themselves, or a source said otherwise later than {@code at}. Does nothing without a
     * customer or a preference.
     */
    @Transactional
    public void recordSourceConsent(String customerId, ChannelPreference preference, OffsetDateTime at,
                                    String source) {
        if (customerId == null || preference == null) {
            return;
        }
        recordSourceChannel(customerId, "email", preference != ChannelPreference.SMS, at, source);
        recordSourceChannel(customerId, "sms", preference != ChannelPreference.EMAIL, at, source);
    }

    private void recordSourceChannel(String customerId, String channel, boolean enabled, OffsetDateTime at,
                                     String source) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("customerId", customerId)
                .addValue("channel", channel)
                .addValue("enabled", enabled)
                .addValue("source", source)
                .addValue("at", at);
        if (jdbc.update(sql.get("preferences/update-source-consent"), params) == 0) {
            jdbc.update(sql.get("preferences/insert-source-consent"), params);
        }
    }

    /** The customer's own change (the preferences API or page): replaces what was stored, a source's consent too. */
    @Transactional
    public void recordCustomerChange(String customerId, PreferenceChange change, OffsetDateTime at, String source) {
        for (PreferenceChoice choice : change.choices()) {
            MapSqlParameterSource params = new MapSqlParameterSource()
                    .addValue("customerId", customerId)
                    .addValue("type", choice.type())
                    .addValue("channel", choice.channel())
                    .addValue("enabled", choice.enabled())
                    .addValue("source", source)
                    .addValue("at", at);
            if (jdbc.update(sql.get("preferences/update-customer-choice"), params) == 0
                    && jdbc.update(sql.get("preferences/insert-customer-choice"), params) == 0) {
                jdbc.update(sql.get("preferences/update-customer-choice"), params);
            }
        }
        if (Boolean.TRUE.equals(change.emailUnsubscribed())) {
            unsubscribeEmail(customerId, at, source);
        } else if (Boolean.FALSE.equals(change.emailUnsubscribed())) {
            resubscribeEmail(customerId, at);
        }
    }

    /** SMS STOP from this number (E.164): no SMS goes to it, critical alerts included, until it opts in again. */
    public void optOutSms(String phone, OffsetDateTime at, String source) {
        jdbc.update(sql.get("preferences/insert-sms-opt-out"), new MapSqlParameterSource()
                .addValue("phone", phone).addValue("at", at).addValue("source", source));
    }

    /** START, YES or UNSTOP from this number: lifts a STOP it sent before {@code at}. */
    public void optInSms(String phone, OffsetDateTime at) {
        jdbc.update(sql.get("preferences/update-sms-opt-in"), new MapSqlParameterSource()
                .addValue("phone", phone).addValue("at", at));
    }

    /** An email unsubscribe (one-click or the preference page): optional types no longer go by email. */
    public void unsubscribeEmail(String customerId, OffsetDateTime at, String source) {
        jdbc.update(sql.get("preferences/insert-email-unsubscribe"), new MapSqlParameterSource()
                .addValue("customerId", customerId).addValue("at", at).addValue("source", source));
    }

    /** The customer subscribes to email again: lifts an unsubscribe made before {@code at}. */
    public void resubscribeEmail(String customerId, OffsetDateTime at) {
        jdbc.update(sql.get("preferences/update-email-resubscribe"), new MapSqlParameterSource()
                .addValue("customerId", customerId).addValue("at", at));
    }
}
