package io.loyaltybatch.worker.item;

/**
 * Processing of one item failed for a reason of its own (not the infrastructure's). Every item before it in the
 * poll has taken effect and been reported; the error handler retries from this item and finally reports it failed.
 */
public class ItemFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public ItemFailedException(int position, Throwable cause) {
        super("item at position " + position + " of the poll failed: " + cause, cause);
        this.position = position;
    }

    /** The item's position in the list given to {@link ItemProcessing#process}. */
    public int position() {
        return position;
    }
}
