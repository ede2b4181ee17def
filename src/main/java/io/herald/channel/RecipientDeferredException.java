package io.herald.channel;

/**
 * An email whose recipient the relay kept deferring (a 4xx reply to RCPT TO) until
 * {@code herald.channels.email.max-recipient-deferrals} ran out: {@link DeliveryErrors} sorts it as permanent, so it
 * goes to the dead letter with the relay's last reply, as a refusal does. Nothing was handed over.
 */
public class RecipientDeferredException extends RuntimeException {

    public RecipientDeferredException(int deferrals, String lastReply) {
        super("The relay deferred the recipient " + deferrals + " times; its last reply: " + lastReply);
    }
}
