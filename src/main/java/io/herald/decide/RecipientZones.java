package io.herald.decide;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The recipient's zone, for quiet hours, caps and dates, in order: the customer's own zone, the zone of the
 * shipment's destination, the zone of the phone number (when it has exactly one), the configured default. Never UTC
 * by accident.
 */
public final class RecipientZones {

    private RecipientZones() {
    }

    public static ZoneId resolve(String customerZone, String destinationZone, String phone, ZoneId defaultZone) {
        ZoneId zone = parse(customerZone);
        if (zone == null) {
            zone = parse(destinationZone);
        }
        if (zone == null) {
            zone = ofPhone(phone);
        }
        return zone != null ? zone : defaultZone;
    }

    static ZoneId ofPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        try {
            var number = PhoneNumberUtil.getInstance().parse(phone, null);
            List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number);
            return zones.size() == 1 ? parse(zones.get(0)) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static ZoneId parse(String zone) {
        if (zone == null || zone.isBlank() || zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
