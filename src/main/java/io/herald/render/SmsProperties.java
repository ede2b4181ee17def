package io.herald.render;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an SMS may be, under {@code herald.sms.*}.
 *
 * @param maxSegments   the most segments one SMS may take, 1 to 10; longer texts lose their optional parts. Ten keep
 *                      any SMS under Twilio's hard limit of 1,600 characters (10 × 153 GSM-7, 10 × 67 UCS-2)
 * @param smartEncoding which characters outside GSM-7 are replaced by GSM-7 ones before counting
 */
@ConfigurationProperties("herald.sms")
public record SmsProperties(
        @DefaultValue("2") int maxSegments,
        @DefaultValue SmartEncoding smartEncoding) {

    /** The most segments a setting may give: beyond ten, a GSM-7 text passes Twilio's 1,600 characters. */
    static final int MOST_SEGMENTS = 10;

    public SmsProperties {
        if (maxSegments < 1 || maxSegments > MOST_SEGMENTS) {
            throw new IllegalArgumentException("herald.sms.max-segments must be 1 to " + MOST_SEGMENTS + ", not "
                    + maxSegments + ": beyond ten, an SMS passes Twilio's 1,600 characters");
        }
    }

    /**
     * @param enabled replace typographic punctuation (curly quotes, dashes, ellipsis, special spaces) by GSM-7 ones
     * @param accents also replace accented letters that GSM-7 lacks by their base letter ({@code á} by {@code a});
     *                off by default, so that Spanish and French keep their accents where the budget allows
     */
    public record SmartEncoding(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("false") boolean accents) {
    }
}
