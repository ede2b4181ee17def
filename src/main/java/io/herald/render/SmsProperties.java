package io.herald.render;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an SMS may be, under {@code herald.sms.*}.
 *
 * @param maxSegments   the most segments one SMS may take; longer texts lose their optional parts
 * @param smartEncoding which characters outside GSM-7 are replaced by GSM-7 ones before counting
 */
@ConfigurationProperties("herald.sms")
public record SmsProperties(
        @DefaultValue("2") int maxSegments,
        @DefaultValue SmartEncoding smartEncoding) {

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
