package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a customer's partial matrix, without Spring or a database. */
class PreferenceChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EffectivePreferences CURRENT =
            PreferenceResolver.resolve(new PreferenceProperties.Defaults(null, null), List.of(), true, false);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aPartialMatrixBecomesTheSwitchesItNames() throws Exception {
        PreferenceChange change = PreferenceChange.parse(json("""
                {"channels": {"push": true}, "types": {"shipped": {"sms": false}, "delayed": {"email": true}},
                 "emailUnsubscribed": false, "smsStopped": true}"""), CURRENT);

        assertThat(change.choices()).as("a critical type switched on is no switch to store").containsExactly(
                PreferenceChoice.channel("push", true), new PreferenceChoice("shipped", "sms", false));
        assertThat(change.emailUnsubscribed()).isFalse();
    }

    @Test
    void unknownTypesChannelsFieldsAndNonBooleansAreAllNamed() throws Exception {
        PreferenceChange.Invalid invalid = catchThrowableOfType(PreferenceChange.Invalid.class, () ->
                PreferenceChange.parse(json("""
                        {"channels": {"fax": true, "sms": "yes"}, "types": {"teleported": {"email": true},
                         "shipped": {"pigeon": false}}, "colour": "blue"}"""), CURRENT));

        assertThat(invalid.errors()).containsExactlyInAnyOrder("channels.fax: unknown channel",
                "channels.sms: must be true or false", "types.teleported: unknown notification type",
                "types.shipped.pigeon: unknown channel", "colour: unknown field");
    }

    @Test
    void switchingOffACriticalTypeIsRefused() throws Exception {
        PreferenceChange.Invalid invalid = catchThrowableOfType(PreferenceChange.Invalid.class, () ->
                PreferenceChange.parse(json("{\"types\": {\"payment_issue\": {\"email\": false}}}"), CURRENT));

        assertThat(invalid.errors()).containsExactly(
                "types.payment_issue.email: payment_issue is a critical alert and cannot be switched off");
    }

    @Test
    void liftingAStopThroughTheApiIsRefused() throws Exception {
        PreferenceChange.Invalid invalid = catchThrowableOfType(PreferenceChange.Invalid.class, () ->
                PreferenceChange.parse(json("{\"smsStopped\": false}"), CURRENT));

        assertThat(invalid.errors()).containsExactly("smsStopped: only STOP and START sent from the phone change it");
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() throws Exception {
        assertThat(catchThrowableOfType(PreferenceChange.Invalid.class,
                () -> PreferenceChange.parse(json("[true]"), CURRENT)).errors())
                .containsExactly("The body must be a JSON object");
    }
}
