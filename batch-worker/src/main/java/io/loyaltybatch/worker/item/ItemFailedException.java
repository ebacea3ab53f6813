package io.loyaltybatch.worker.item;

import io.loyaltybatch.support.RedactedFailure;

/**
 * Processing of one item failed for a reason of its own (not an engine's). Every item before it in the poll has
 * taken effect and been reported; the error handler retries from this item and finally reports it failed. Its cause
 * is redacted: what an item's failure says about its values never reaches a log line or a dead letter.
 */
public class ItemFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public ItemFailedException(int position, Throwable cause) {
        this(position, RedactedFailure.of(cause));
    }

    private ItemFailedException(int position, RedactedFailure cause) {
        super("item at position " + position + " of the poll failed: " + cause.getMessage(), cause);
        this.position = position;
    }

    /** The item's position in the list given to {@link ItemProcessing#process}. */
    public int position() {
        return position;
    }
}
