package io.herald.faults;

/**
 * One message a sink accepted.
 *
 * @param recipient the email address, phone number, or customer id of a push
 * @param id        what names the attempt: the email's Message-ID, the n= of an SMS's StatusCallback, or a push's
 *                  notification id. A second delivery with the same id is the same attempt handed over again (after
 *                  an unknown outcome); one with another id is a second notification
 * @param subject   the subject (email), body (SMS) or title (push), for the report
 */
record Delivery(String recipient, String id, String subject) {
}
