package io.herald.render;

/**
 * One message, rendered for one channel.
 *
 * @param locale   the locale of the templates used ({@code fr} for a customer who wanted {@code fr-CA})
 * @param subject  email only, else null
 * @param html     email only, else null
 * @param encoding {@code GSM-7} or {@code UCS-2}, SMS only, else null
 * @param segments SMS only, else 0
 */
public record RenderedMessage(String locale, String subject, String text, String html, String encoding,
                              int segments) {
}
