package io.herald.intake;

/** Headers the intake routes set. Only these travel with an event onto Kafka. */
public final class IntakeHeaders {

    /** The source id of the payload. */
    public static final String SOURCE = "heraldSource";
    /** "true" on an event that a later event of the same payload supersedes: it updates state but notifies nobody. */
    public static final String SUPERSEDED = "heraldSuperseded";

    private IntakeHeaders() {
    }
}
