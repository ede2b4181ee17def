package io.herald.sms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Twilio's webhook signature ({@code X-Twilio-Signature}, twilio.com/docs/usage/webhooks/webhooks-security): HMAC-SHA1,
 * keyed with the account's auth token ({@code herald.channels.sms.twilio.auth-token}, {@code TWILIO_AUTH_TOKEN}), over
 * the full URL Twilio called followed by every POST parameter sorted by name, each as name then value with no
 * separator; base64. The check compares in constant time.
 *
 * <p>Without an auth token (the default run, which talks to no Twilio) a random one is made for the life of the
 * process: the default run's own pages sign with {@link #sign}, and nothing from outside can guess it.
 */
@Component("twilioSignatures")
public class TwilioSignatures {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioSignatures.class);
    private static final String ALGORITHM = "HmacSHA1";

    private final SecretKeySpec key;

    public TwilioSignatures(@Value("${herald.channels.sms.twilio.auth-token:}") String authToken) {
        byte[] secret;
        if (authToken == null || authToken.isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            LOG.info("No Twilio auth token (herald.channels.sms.twilio.auth-token): Twilio webhooks are checked "
                    + "against a token made for this run, which only Herald's own pages sign with");
        } else {
            secret = authToken.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The signature Twilio sends for a request to {@code url} (with its query) carrying these POST parameters. */
    public String sign(String url, Map<String, String> params) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value == null ? "" : value));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is Twilio's for this request; false when it is missing. Constant time. */
    public boolean valid(String url, Map<String, String> params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(sign(url, params).getBytes(StandardCharsets.US_ASCII),
                signature.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
