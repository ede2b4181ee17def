package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksPhoneNumbersKeepingCountryCodeAndLastDigits() {
        assertThat(Masking.phone("+4915112345678")).isEqualTo("+49*********78");
    }

    @Test
    void masksEmailAddressesKeepingFirstLetterAndDomain() {
        assertThat(Masking.email("ada.lovelace@example.com")).isEqualTo("a***@example.com");
    }

    @Test
    void masksContactsInsideFreeText() {
        String masked = Masking.text("550 Invalid Addresses: ada.lovelace@example.com; SMS to +4915112345678 refused");
        assertThat(masked).doesNotContain("lovelace", "12345678")
                .contains("a***@example.com", "+49*********78", "550 Invalid Addresses");
    }
}
