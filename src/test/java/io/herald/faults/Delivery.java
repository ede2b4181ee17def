package io.herald.faults;

/**
 * One message a sink accepted.
 *
 * @param recipient the email address or phone number
 * @param id        what names the attempt: the email's Message-ID, or the n= of an SMS's StatusCallback. A second
 *                  delivery with the same id is the same attempt handed over again (after an unknown outcome); one
 *                  with another id is a second notification
 * @param subject   the subject (email) or body (SMS), for the report
 */
record Delivery(String recipient, String id, String subject) {
}
