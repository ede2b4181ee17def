package io.herald.customer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.decide.EffectivePreferences;
import io.herald.decide.NotificationType;
import io.herald.decide.PreferenceChange;
import io.herald.decide.PreferenceProperties;
import io.herald.decide.PreferenceStore;
import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import io.herald.support.SqlFiles;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's preference page, {@code GET /preferences/{token}} with a {@link Purpose#PREFERENCES} token of the
 * customer id: every type by every channel (email, sms, push), critical alerts shown as always on, and each channel as
 * a whole. Its form posts back to the same address; what changed is stored as the customer's own choice, exactly as
 * {@code PUT /api/v1/customers/{id}/preferences} stores it (DESIGN.md, "Consent"), and the page is shown again
 * (post, redirect, get). A token that is not genuine or has expired gets 404. No login and no CSRF token: the signed
 * token is the key.
 */
@RestController
class PreferencePageController {

    private final LinkTokens tokens;
    private final PreferenceStore store;
    private final PageTemplates templates;
    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final Clock clock;

    PreferencePageController(LinkTokens tokens, PreferenceStore store, PageTemplates templates,
                             NamedParameterJdbcTemplate jdbc, SqlFiles sql, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.templates = templates;
        this.jdbc = jdbc;
        this.sql = sql;
        this.clock = clock;
    }

    @GetMapping(path = "/preferences/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String token,
                                @RequestParam(name = "saved", required = false) String saved, Locale browser) {
        Optional<String> customerId = customer(token);
        if (customerId.isEmpty()) {
            return notFound(browser);
        }
        String language = language(customerId.get(), browser);
        Map<String, Object> model = model(store.load(customerId.get(), null));
        model.put("action", "/preferences/" + token);
        model.put("saved", saved != null);
        return TrackingPageController.html(HttpStatus.OK, templates.render("preferences", language, model));
    }

    @PostMapping(path = "/preferences/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> save(@PathVariable String token, @RequestParam MultiValueMap<String, String> form,
                                Locale browser) {
        Optional<String> customerId = customer(token);
        if (customerId.isEmpty()) {
            return notFound(browser);
        }
        EffectivePreferences current = store.load(customerId.get(), null);
        store.recordCustomerChange(customerId.get(), PreferenceChange.parse(changes(form, current), current),
                OffsetDateTime.now(clock), "page");
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, "/preferences/" + token + "?saved")
                .cacheControl(CacheControl.noStore()).build();
    }

    /**
     * The switches the form changed, in the preferences API's shape: a checkbox sent is on, one not sent is off
     * (browsers send only checked boxes). Only what differs from the effective preferences becomes the customer's
     * choice, so that the defaults keep applying to what the customer left alone. Critical types have no boxes.
     */
    static ObjectNode changes(MultiValueMap<String, String> form, EffectivePreferences current) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode channels = JsonNodeFactory.instance.objectNode();
        ObjectNode types = JsonNodeFactory.instance.objectNode();
        for (String channel : PreferenceProperties.CHANNELS) {
            boolean on = form.containsKey("channel." + channel);
            if (on != current.channels().getOrDefault(channel, false)) {
                channels.put(channel, on);
            }
            for (NotificationType type : NotificationType.values()) {
                if (type.critical()) {
                    continue;
                }
                boolean typeOn = form.containsKey("type." + type.wire() + "." + channel);
                if (typeOn != current.types().getOrDefault(type.wire(), Map.of()).getOrDefault(channel, false)) {
                    types.withObject(type.wire()).put(channel, typeOn);
                }
            }
        }
        body.set("channels", channels);
        body.set("types", types);
        return body;
    }

    private Map<String, Object> model(EffectivePreferences preferences) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (NotificationType type : NotificationType.values()) {
            Map<String, Object> row = new HashMap<>();
            row.put("type", type.wire());
            row.put("critical", type.critical());
            Map<String, Object> on = new LinkedHashMap<>();
            for (String channel : PreferenceProperties.CHANNELS) {
                on.put(channel, type.critical()
                        || preferences.types().getOrDefault(type.wire(), Map.of()).getOrDefault(channel, false));
            }
            row.put("on", on);
            types.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("channelNames", PreferenceProperties.CHANNELS);
        model.put("channels", new LinkedHashMap<>(preferences.channels()));
        model.put("types", types);
        model.put("smsStopped", preferences.smsStopped());
        model.put("emailUnsubscribed", preferences.emailUnsubscribed());
        return model;
    }

    private Optional<String> customer(String token) {
        return tokens.verify(Purpose.PREFERENCES, token).map(LinkTokens.Claims::subject);
    }

    private String language(String customerId, Locale browser) {
        List<String> locales = jdbc.queryForList(sql.get("customer/find-customer-locale"),
                new MapSqlParameterSource("customerId", customerId), String.class);
        String locale = locales.isEmpty() || locales.get(0) == null ? browser.toLanguageTag() : locales.get(0);
        return templates.language(locale);
    }

    private ResponseEntity<String> notFound(Locale browser) {
        return TrackingPageController.html(HttpStatus.NOT_FOUND,
                templates.render("not-found", templates.language(browser.toLanguageTag()), Map.of()));
    }
}
