package io.herald.feedback;

import io.herald.support.SqlFiles;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The suppression lists as one customer meets them: what keeps their current email address
 * ({@code email_suppression}: hard bounces, complaints) and phone number ({@code sms_suppression}: Twilio's refusals of
 * the number) off their channel, and the operator's lifting of it once the customer has mended the mailbox or the
 * phone (docs/feedback.md, "Lifting a suppression").
 */
@Component
public class Suppressions {

    private static final Logger LOG = LoggerFactory.getLogger(Suppressions.class);

    /** One report that put the address or number on its list. */
    public record Report(String kind, String source, Integer errorCode, OffsetDateTime at) {
    }

    /** A channel's reports; suppressed while there is one. */
    public record Channel(boolean suppressed, List<Report> reports) {
    }

    /** The customer's two channels that have suppression lists. */
    public record View(String customerId, Channel email, Channel sms) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;

    public Suppressions(NamedParameterJdbcTemplate jdbc, SqlFiles sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** The customer's suppressions, or empty when Herald has no record of the customer. */
    public Optional<View> of(String customerId) {
        return contacts(customerId).map(contacts -> {
            List<Report> email = new ArrayList<>();
            List<Report> sms = new ArrayList<>();
            jdbc.query(sql.get("feedback/list-customer-suppressions"), contacts, rs -> {
                Integer code = rs.getObject("error_code") == null ? null : rs.getInt("error_code");
                Report report = new Report(rs.getString("kind"), rs.getString("source"), code,
                        rs.getObject("suppressed_at", OffsetDateTime.class));
                ("email".equals(rs.getString("channel")) ? email : sms).add(report);
            });
            return new View(customerId, new Channel(!email.isEmpty(), List.copyOf(email)),
                    new Channel(!sms.isEmpty(), List.copyOf(sms)));
        });
    }

    /**
     * Lifts the suppression of the customer's current address ({@code email}) or number ({@code sms}); false when
     * Herald has no record of the customer. Lifting what is not suppressed changes nothing.
     */
    public boolean lift(String customerId, String channel) {
        Optional<MapSqlParameterSource> contacts = contacts(customerId);
        contacts.ifPresent(found -> {
            int lifted = "email".equals(channel)
                    ? jdbc.update(sql.get("feedback/delete-email-suppression"),
                            found.addValue("kinds", List.of("BOUNCE", "COMPLAINT")))
                    : liftNumber(found.getValue("phone") instanceof String phone ? phone : null);
            LOG.info("Customer {}: the {} suppression lifted by an operator ({} reports removed)", customerId,
                    channel, lifted);
        });
        return contacts.isPresent();
    }

    /** Takes the number off the SMS suppression list (an SMS came from it, an operator lifted it); how many reports. */
    public int liftNumber(String phone) {
        return phone == null ? 0
                : jdbc.update(sql.get("sms/lift-sms-suppression"), new MapSqlParameterSource("phone", phone));
    }

    /** The customer's current address and number as parameters {@code address} and {@code phone}, if Herald has them. */
    private Optional<MapSqlParameterSource> contacts(String customerId) {
        return jdbc.query(sql.get("customer/find-customer-contacts"), new MapSqlParameterSource("customerId", customerId),
                (rs, n) -> new MapSqlParameterSource().addValue("address", rs.getString("email"), Types.VARCHAR)
                        .addValue("phone", rs.getString("phone"), Types.VARCHAR)).stream().findFirst();
    }
}
