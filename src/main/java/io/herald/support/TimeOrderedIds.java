package io.herald.support;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Ids of decisions and attempts: UUIDs of version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds and whose other 74 are random. Ids made later sort later, so the primary keys and the indexes that
 * start with one (an attempt's decision) grow at their end instead of at a random place: a database writes the
 * last page of such an index again, not a page anywhere in it for every row. No id is a capability: the customer's
 * links carry signed tokens and the providers' callbacks are signed, so 74 random bits instead of
 * {@link UUID#randomUUID()}'s 122 take nothing away.
 */
@Component
public class TimeOrderedIds {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    /** When an id of this kind was made; empty for any other id (a random one, made before these). */
    public static Optional<Instant> madeAt(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.version() == 7 ? Optional.of(Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16))
                    : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    /** A new id, in the usual 36-character form. */
    public String next() {
        long high = clock.millis() << 16 | 0x7000 | random.nextInt(0x1000); // 48 bits of time, version 7, 12 random
        long low = random.nextLong() >>> 2 | 0x8000_0000_0000_0000L; // the variant of RFC 9562, 62 random bits
        return new UUID(high, low).toString();
    }
}
