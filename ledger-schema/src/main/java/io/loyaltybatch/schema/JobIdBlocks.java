package io.loyaltybatch.schema;

import java.time.Duration;

/**
 * Job ids come from the sequence {@code job_ids} in blocks: each value starts a block of {@link #SIZE} ids that one
 * gateway hands out for at most {@link #MAX_AGE}. So every id below {@code last_value + SIZE} of the sequence has
 * been handed out or never will be, and a range of ids the sequence went past is complete {@link #MAX_AGE} later.
 */
public final class JobIdBlocks {

    /** Ids per block: the {@code INCREMENT} of the sequence. */
    public static final int SIZE = 1000;

    /** The longest a gateway hands out ids of one block. */
    public static final Duration MAX_AGE = Duration.ofHours(1);

    private JobIdBlocks() {}
}
