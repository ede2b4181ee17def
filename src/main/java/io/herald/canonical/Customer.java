package io.herald.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param phone    E.164
 * @param locale   BCP 47 language tag, for example {@code en} or {@code de-DE}
 * @param timezone IANA zone id
 * @param deleted  true when the source deleted the customer: Herald erases what it keeps of them (the event then
 *                 carries only the customer id); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(
        String customerId,
        String name,
        String email,
        String phone,
        String locale,
        String timezone,
        ChannelPreference channelPreference,
        Boolean deleted) {

    public Customer(String customerId, String name, String email, String phone, String locale, String timezone,
                    ChannelPreference channelPreference) {
        this(customerId, name, email, phone, locale, timezone, channelPreference, null);
    }
}
