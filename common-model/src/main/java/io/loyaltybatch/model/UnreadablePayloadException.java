package io.loyaltybatch.model;

/**
 * A record whose envelope names its item (tenant, job, index, customer) but whose payload is not the item kind's
 * record: retrying cannot help, yet the item can still be reported failed in its job.
 */
public class UnreadablePayloadException extends MalformedEnvelopeException {

    private static final long serialVersionUID = 1L;

    private final transient ItemRef item;

    public UnreadablePayloadException(ItemRef item, Throwable cause) {
        super("item payload does not match its type", cause);
        this.item = item;
    }

    public ItemRef item() {
        return item;
    }
}
