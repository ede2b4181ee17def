package io.herald.channel;

/** Masks personal data for logs: {@code +49******78}, {@code j***@example.com}. */
public final class Masking {

    private static final java.util.regex.Pattern EMAIL_IN_TEXT =
            java.util.regex.Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final java.util.regex.Pattern PHONE_IN_TEXT =
            java.util.regex.Pattern.compile("\\+[1-9][0-9]{1,2}([0-9]{4,12})([0-9]{2})");

    private Masking() {
    }

    /** Masks every email address and E.164 number inside a free text, such as a provider's error message. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL_IN_TEXT.matcher(text).replaceAll("$1***$2");
        return PHONE_IN_TEXT.matcher(masked).replaceAll(m -> m.group().substring(0, 3)
                + "*".repeat(m.group().length() - 5) + m.group(2));
    }

    public static String phone(String phone) {
        if (phone == null || phone.length() < 5) {
            return "***";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }

    public static String email(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.indexOf('@');
        if (at < 1) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
