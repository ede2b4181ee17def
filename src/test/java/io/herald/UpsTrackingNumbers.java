package io.herald;

/** Makes UPS 1Z tracking numbers with a right check digit, for tests whose sources check tracking numbers strictly. */
public final class UpsTrackingNumbers {

    private UpsTrackingNumbers() {
    }

    /** "1Z", the 15 given characters (digits and capital letters), and their check digit. */
    public static String of(String body) {
        if (!body.matches("[0-9A-Z]{15}")) {
            throw new IllegalArgumentException("A 1Z number has 15 characters before its check digit: " + body);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = body.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : (c - 'A' + 2) % 10;
            sum += i % 2 == 0 ? value : 2 * value;
        }
        return "1Z" + body + (10 - sum % 10) % 10;
    }
}
