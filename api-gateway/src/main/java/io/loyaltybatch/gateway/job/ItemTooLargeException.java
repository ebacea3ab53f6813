package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The message broker refused an item as larger than it accepts (its {@code max.message.bytes}, or the producer's
 * {@code max.request.size}, is below the contract's item bound). Nothing was published. Answered 413 / 3011: the same
 * request cannot succeed on a retry.
 */
public class ItemTooLargeException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ItemTooLargeException() {
        super(
                HttpStatus.CONTENT_TOO_LARGE,
                ErrorCode.BATCH_TOO_LARGE,
                "An item is larger than the message broker accepts");
    }
}
