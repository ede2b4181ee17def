package io.herald.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The zone of a place, for timestamps that a source writes without an offset. Tried in this order, each only when it
 * gives one zone for certain:
 * <ol>
 * <li>{@code country}: a country with one zone ({@code zones/countries.txt});</li>
 * <li>{@code state}: a state or province of the US, Canada, Australia, Mexico or Brazil with one zone
 * ({@code zones/regions.txt});</li>
 * <li>{@code zip}: a US ZIP code, by its first three digits ({@code zones/zip3.txt});</li>
 * <li>{@code city}: a city together with its state or its country ({@code zones/cities.txt});</li>
 * <li>{@code principal}: the zone of most of a state or country that a second zone splits (Texas, Florida, Spain,
 * ...), since a place that names its state is better placed there than in a zone configured for the whole source.</li>
 * </ol>
 * The tables are written by hand from the IANA time zone database and USPS ZIP code ranges; see the head of each file.
 */
final class LocalZones {

    /** A place as a mapping names it: any of the parts may be missing. */
    record Place(String country, String state, String postalCode, String city) {
    }

    /** A zone and the way it was found: {@code country}, {@code state}, {@code zip}, {@code city}, {@code principal}. */
    record Found(ZoneId zone, String via) {
    }

    private static final String PRINCIPAL = "~";

    private final Map<String, String> countries = read("zones/countries.txt");
    private final Map<String, String> regions = read("zones/regions.txt");
    private final Map<String, String> cities = read("zones/cities.txt");
    private final Map<String, String> zip3 = ranges(read("zones/zip3.txt"));
    private final Map<String, String> alpha3 = new HashMap<>();
    private final Map<String, String> countryNames = new HashMap<>();
    private final Map<String, String> regionNames = new HashMap<>();

    LocalZones() {
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale("", code);
            alpha3.put(country.getISO3Country(), code);
            countryNames.put(simple(country.getDisplayCountry(Locale.ENGLISH)), code);
        }
        regions.keySet().forEach(key -> regionNames.put(key, key.substring(key.indexOf('-') + 1)));
        for (String[] name : US_AND_CA_NAMES) {
            regionNames.put(name[0] + "-" + simple(name[1]), name[2]);
        }
    }

    /** The zone of the place, or empty when none of the ways finds one for certain. */
    Optional<Found> of(Place place) {
        if (place == null) {
            return Optional.empty();
        }
        String country = country(place.country());
        String state = simple(place.state());
        String zip = place.postalCode() == null ? "" : place.postalCode().trim();
        String city = simple(place.city());
        if (place.city() != null && place.city().matches(".*(,| - ).*")) {
            // "Memphis, TN", "Memphis, TN, US", "CINCINNATI HUB, OH - USA": the city, then its state and country
            String[] parts = place.city().split(",| - ");
            city = simple(parts[0]);
            if (state.isEmpty() && parts.length > 1) {
                state = simple(parts[1]);
            }
            if (country.isEmpty() && parts.length > 2) {
                country = country(parts[2]);
            }
        }
        if (state.isEmpty() && city.matches(".+ [A-Z]{2,3}")) {
            // "CHICAGO IL": a city followed by its state's code
            String code = city.substring(city.lastIndexOf(' ') + 1);
            String of = country.isEmpty() ? regionCountry(code) : country;
            if (regionNames.containsKey(of + "-" + code)) {
                state = code;
                country = of;
                city = city.substring(0, city.lastIndexOf(' '));
            }
        }
        if (country.isEmpty() && countryNames.containsKey(city)) {
            country = countryNames.get(city);
        }
        if (country.isEmpty() && !state.isEmpty()) {
            country = regionCountry(state);
        } else if (country.isEmpty() && zip.matches("\\d{5}(-?\\d{4})?")) {
            country = "US";
        }
        String region = state.isEmpty() ? "" : country + "-" + regionNames.getOrDefault(country + "-" + state, state);
        String byCountry = countries.get(country);
        String byRegion = regions.get(region);
        if (certain(byCountry)) {
            return found(byCountry, "country");
        }
        if (certain(byRegion)) {
            return found(byRegion, "state");
        }
        if (country.equals("US") && zip.matches("\\d{3}.*")) {
            String byZip = zip3.get(zip.substring(0, 3));
            if (byZip != null) {
                return found(byZip, "zip");
            }
        }
        if (!city.isEmpty()) {
            String byCity = cities.get(region + "/" + city);
            if (byCity == null) {
                byCity = cities.get(country + "/" + city);
            }
            if (byCity != null) {
                return found(byCity, "city");
            }
        }
        String principal = byRegion != null ? byRegion : byCountry;
        return principal == null ? Optional.empty() : found(principal, "principal");
    }

    /** The country of a state named without one: the US, else Canada, Australia, Mexico or Brazil. */
    private String regionCountry(String state) {
        for (String country : new String[] {"US", "CA", "AU", "MX", "BR"}) {
            if (regionNames.containsKey(country + "-" + state)) {
                return country;
            }
        }
        return "US";
    }

    private static boolean certain(String zone) {
        return zone != null && !zone.startsWith(PRINCIPAL);
    }

    private static Optional<Found> found(String zone, String via) {
        return Optional.of(new Found(ZoneId.of(zone.startsWith(PRINCIPAL) ? zone.substring(1) : zone), via));
    }

    /** ISO alpha-2 from alpha-2 or alpha-3 ("DEU" as "DE"); "UK" as "GB". */
    private String country(String raw) {
        String code = simple(raw);
        if (code.length() == 3 && alpha3.containsKey(code)) {
            return alpha3.get(code);
        }
        if (code.equals("UK")) {
            return "GB";
        }
        if (code.equals("USA") || code.equals("UNITED STATES") || code.equals("UNITED STATES OF AMERICA")) {
            return "US";
        }
        return countryNames.getOrDefault(code, code);
    }

    /** Upper case, accents and dots gone, punctuation other than dashes as spaces, single spaces. */
    static String simple(String raw) {
        if (raw == null) {
            return "";
        }
        String plain = Normalizer.normalize(raw, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replace(".", "").replace("'", " ").replaceAll("[^\\p{Alnum}-]+", " ").trim()
                .replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> read(String resource) {
        Map<String, String> table = new HashMap<>();
        try (InputStream in = LocalZones.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int equals = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                    table.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    /** "010-089" is every prefix from 010 to 089. */
    private static Map<String, String> ranges(Map<String, String> table) {
        Map<String, String> prefixes = new HashMap<>();
        table.forEach((range, zone) -> {
            String[] ends = range.split("-");
            int first = Integer.parseInt(ends[0]);
            int last = Integer.parseInt(ends[ends.length - 1]);
            for (int prefix = first; prefix <= last; prefix++) {
                prefixes.put(String.format("%03d", prefix), zone);
            }
        });
        return prefixes;
    }

    /** Every zone the tables name, for the test that checks each is a real IANA zone. */
    Map<String, String> allEntries() {
        Map<String, String> all = new HashMap<>();
        countries.forEach((k, v) -> all.put("country " + k, v));
        regions.forEach((k, v) -> all.put("region " + k, v));
        cities.forEach((k, v) -> all.put("city " + k, v));
        zip3.forEach((k, v) -> all.put("zip3 " + k, v));
        return all;
    }

    private static final String[][] US_AND_CA_NAMES = {
        {"US", "Alabama", "AL"}, {"US", "Alaska", "AK"}, {"US", "Arizona", "AZ"}, {"US", "Arkansas", "AR"},
        {"US", "California", "CA"}, {"US", "Colorado", "CO"}, {"US", "Connecticut", "CT"}, {"US", "Delaware", "DE"},
        {"US", "District of Columbia", "DC"}, {"US", "Florida", "FL"}, {"US", "Georgia", "GA"},
        {"US", "Hawaii", "HI"}, {"US", "Idaho", "ID"}, {"US", "Illinois", "IL"}, {"US", "Indiana", "IN"},
        {"US", "Iowa", "IA"}, {"US", "Kansas", "KS"}, {"US", "Kentucky", "KY"}, {"US", "Louisiana", "LA"},
        {"US", "Maine", "ME"}, {"US", "Maryland", "MD"}, {"US", "Massachusetts", "MA"}, {"US", "Michigan", "MI"},
        {"US", "Minnesota", "MN"}, {"US", "Mississippi", "MS"}, {"US", "Missouri", "MO"}, {"US", "Montana", "MT"},
        {"US", "Nebraska", "NE"}, {"US", "Nevada", "NV"}, {"US", "New Hampshire", "NH"}, {"US", "New Jersey", "NJ"},
        {"US", "New Mexico", "NM"}, {"US", "New York", "NY"}, {"US", "North Carolina", "NC"},
        {"US", "North Dakota", "ND"}, {"US", "Ohio", "OH"}, {"US", "Oklahoma", "OK"}, {"US", "Oregon", "OR"},
        {"US", "Pennsylvania", "PA"}, {"US", "Rhode Island", "RI"}, {"US", "South Carolina", "SC"},
        {"US", "South Dakota", "SD"}, {"US", "Tennessee", "TN"}, {"US", "Texas", "TX"}, {"US", "Utah", "UT"},
        {"US", "Vermont", "VT"}, {"US", "Virginia", "VA"}, {"US", "Washington", "WA"},
        {"US", "West Virginia", "WV"}, {"US", "Wisconsin", "WI"}, {"US", "Wyoming", "WY"},
        {"US", "Puerto Rico", "PR"},
        {"CA", "Alberta", "AB"}, {"CA", "British Columbia", "BC"}, {"CA", "Manitoba", "MB"},
        {"CA", "New Brunswick", "NB"}, {"CA", "Newfoundland and Labrador", "NL"}, {"CA", "Nova Scotia", "NS"},
        {"CA", "Northwest Territories", "NT"}, {"CA", "Nunavut", "NU"}, {"CA", "Ontario", "ON"},
        {"CA", "Prince Edward Island", "PE"}, {"CA", "Quebec", "QC"}, {"CA", "Saskatchewan", "SK"},
        {"CA", "Yukon", "YT"},
    };
}
