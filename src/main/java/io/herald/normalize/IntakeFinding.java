package io.herald.normalize;

/**
 * Something the intake noticed in an event it let through: a value a lenient quality gate accepted or left out, a
 * carrier told from the tracking number, a source status the mapping did not know. Counted in
 * {@code herald.intake.findings} and shown by the dry run; never contains a phone number or an email address.
 *
 * @param check   {@code tracking_number}, {@code carrier}, {@code phone}, {@code email} or {@code status}
 * @param outcome {@code accepted}, {@code dropped}, {@code detected} or {@code unknown}
 * @param detail  which event and what is wrong, for a person
 */
public record IntakeFinding(String check, String outcome, String detail) {
}
