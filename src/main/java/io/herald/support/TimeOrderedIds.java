package io.herald.support;

import java.security.SecureRandom;
import java.time.Clock;
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

    /** A new id, in the usual 36-character form. */
    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        long millis = clock.millis();
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (millis >>> (40 - 8 * i));
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x70); // version 7
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the variant of RFC 9562
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }
}
