package io.herald.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a shipment goes: the recipient's address as far as the source gives it, and the IANA zone of that place. The
 * zone is the recipient's zone when the customer names none (docs/decide.md, "Quiet hours"). A mapping may set it
 * when the source names one; otherwise the normalizer resolves it from the place.
 *
 * @param country    ISO 3166 alpha-2 or alpha-3 code, or a country name, as the source gives it
 * @param state      state or province, as the source gives it
 * @param postalCode postal or ZIP code
 * @param city       city
 * @param zone       IANA zone id of the place, for example America/Los_Angeles
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Destination(String country, String state, String postalCode, String city, String zone) {

    public Destination withZone(String value) {
        return new Destination(country, state, postalCode, city, value);
    }
}
