package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.normalize.TrackingNumbers.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackingNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "ups, 1Z999AA10123456784, VALID",
            "ups, 1Z999AA10123456785, BAD_CHECK_DIGIT",
            "ups, T1234567890, VALID",
            "ups, 12345, UNRECOGNIZED",
            "usps, 9400100000000000000006, VALID",
            "usps, 9400100000000000000007, BAD_CHECK_DIGIT",
            "usps, EA123456785US, VALID",
            "usps, EA123456784US, BAD_CHECK_DIGIT",
            "fedex, 794612345678, VALID",
            "fedex, 1Z999AA10123456784, UNRECOGNIZED",
            "dhl-express, 1234567890, VALID",
            "dhl, GM2959300000000001, VALID",
            "dhl, RR123456785DE, VALID",
            "canada-post, anything-at-all, NO_KNOWN_FORMAT"})
    void numberIsCheckedAgainstItsCarriersFormats(String carrier, String number, Verdict verdict) {
        assertThat(TrackingNumbers.check(carrier, number)).isEqualTo(verdict);
    }

    @ParameterizedTest
    @CsvSource({
            "1Z999AA10123456784, ups",
            "9400100000000000000006, usps",
            "EA123456785US, usps",
            "GM2959300000000001, dhl"})
    void numberOfAFormatOnlyOneCarrierIssuesNamesItsCarrier(String number, String carrier) {
        assertThat(TrackingNumbers.detectCarrier(number)).contains(carrier);
    }

    @ParameterizedTest
    @CsvSource({"1Z999AA10123456785", "9400100000000000000007", "794612345678", "1234567890"})
    void numberOfASharedFormatOrWithABadCheckDigitNamesNoCarrier(String number) {
        assertThat(TrackingNumbers.detectCarrier(number)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1z 999 aa1 01 2345 6784|1Z999AA10123456784", " JJD-0003-9001 |JJD00039001",
            "LP 00.12|LP 00.12"})
    void numberIsCleanedOfSpacesAndDashes(String typed, String clean) {
        assertThat(TrackingNumbers.clean(typed)).isEqualTo(clean);
    }
}
