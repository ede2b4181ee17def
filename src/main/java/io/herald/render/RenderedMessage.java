package io.herald.render;

/** A message rendered for one channel and locale. */
public record RenderedMessage(String locale, String subject, String text, String html, String encoding,
                              int segments) {
}
