package io.herald.links;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of the links Herald puts in its messages: the tracking page, the preference page, one-click unsubscribe,
 * open and click tracking. A token names what it opens ({@link Purpose}), for whom (the subject, such as a customer or
 * an order id) and until when. It is encrypted and authenticated (AES-256-GCM): its holder can read nothing from it,
 * and cannot forge or alter one, nor use a token of one purpose for another. The key is derived from
 * {@code herald.links.secret} ({@link LinkSecret}).
 */
public final class LinkTokens {

    /** What a token opens; a token of one purpose is refused for every other. */
    public enum Purpose {
        TRACK, PREFERENCES, UNSUBSCRIBE, OPEN, CLICK
    }

    /**
     * What a valid token carries.
     *
     * @param purpose   what it opens
     * @param subject   for whom or what: a customer id, an order id, a notification attempt id
     * @param expiresAt after this instant the token is refused
     */
    public record Claims(Purpose purpose, String subject, Instant expiresAt) {
    }

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * Each thread's AES-GCM cipher, initialized again for every token: looking a cipher up and choosing its provider,
     * and expanding the key again for a new cipher, cost more than the encryption of a token (issue 11). A cipher is
     * not thread-safe; Herald's threads are pooled, so there are as many as the pools have threads.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(LinkTokens::newCipher);

    /**
     * @param secret   the operator's secret (any length; the key is derived from it)
     * @param lifetime how long a token lives, {@code herald.links.lifetime}
     */
    public LinkTokens(byte[] secret, Duration lifetime, Clock clock) {
        this.key = new SecretKeySpec(derive(secret), "AES");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A token for {@code subject}, living {@code herald.links.lifetime} from now. */
    public String issue(Purpose purpose, String subject) {
        return issue(purpose, subject, clock.instant().plus(lifetime));
    }

    /** A token for {@code subject} that expires at {@code expiresAt}. */
    public String issue(Purpose purpose, String subject, Instant expiresAt) {
        byte[] text = subject.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(1 + Long.BYTES + text.length);
        plain.put((byte) purpose.ordinal()).putLong(expiresAt.getEpochSecond()).put(text);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.array());
            return ENCODER.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The claims of a token of {@code purpose} that is genuine and not expired; empty for anything else (malformed,
     * altered, forged, of another purpose, expired), without saying which.
     */
    public Optional<Claims> verify(Purpose purpose, String token) {
        byte[] sealed;
        try {
            sealed = DECODER.decode(token == null ? "" : token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Java's decoder ignores the unused low bits of the last character and accepts padding: without this check
        // one token would have several spellings, and an altered one could still open the page.
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8 + 1 + Long.BYTES
                || !ENCODER.encodeToString(sealed).equals(token)) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        ByteBuffer claims = ByteBuffer.wrap(plain);
        int ordinal = claims.get();
        Instant expiresAt = Instant.ofEpochSecond(claims.getLong());
        if (ordinal != purpose.ordinal() || !clock.instant().isBefore(expiresAt)) {
            return Optional.empty();
        }
        String subject = new String(plain, claims.position(), claims.remaining(), StandardCharsets.UTF_8);
        return Optional.of(new Claims(purpose, subject, expiresAt));
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The AES key: HMAC-SHA256 of a fixed label under the secret, so a secret of any length gives 256 bits. */
    private static byte[] derive(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the link secret is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("herald link tokens v1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
