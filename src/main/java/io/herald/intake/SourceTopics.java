package io.herald.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names the source of a record on a per-source intake topic. The route kafka-source-records-consume subscribes to
 * every topic matching {@code herald.kafka.topics.sources} (by default {@code herald\.in\.([a-z0-9][a-z0-9-]*)}); the
 * pattern's first group is the source id, so {@code herald.in.oms} carries oms records.
 */
@Component("sourceTopics")
public class SourceTopics {

    private final Pattern pattern;

    public SourceTopics(@Value("${herald.kafka.topics.sources}") String pattern) {
        this.pattern = Pattern.compile(pattern);
        if (this.pattern.matcher("").groupCount() < 1) {
            throw new IllegalStateException("herald.kafka.topics.sources needs a group that captures the source id");
        }
    }

    /** The intake topic of a source, {@code herald.in.<source>}; null when the configured pattern does not take it. */
    String topicOf(String source) {
        String topic = "herald.in." + source;
        Matcher matcher = pattern.matcher(topic);
        return matcher.matches() && source.equals(matcher.group(1)) ? topic : null;
    }

    /** The source id that a topic's name carries. */
    public String sourceOf(String topic) {
        Matcher matcher = pattern.matcher(topic == null ? "" : topic);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Topic " + topic + " is not a per-source intake topic");
        }
        return matcher.group(1);
    }
}
