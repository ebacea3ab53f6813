package io.loyaltybatch.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts that change a job's state in Redis. Both applications run them, so each state move is written in
 * exactly one place and runs atomically on the job's hash-tagged keys.
 */
public enum JobScripts {
    /** Gateway: writes a new job. */
    CREATE_JOB("create-job.lua"),
    /** Gateway: notes where a new job's items landed on the items topic. */
    RECORD_POSITIONS("record-positions.lua"),
    /** Gateway: reads header and results in one snapshot, for the job's own tenant only. */
    READ_JOB("read-job.lua"),
    /** Gateway (stop) and worker watchdog: ends an active job whose end the ledger has recorded. */
    END_JOB("end-job.lua"),
    /** Worker: marks that items of a job are taken up. */
    CLAIM_STARTS("claim-starts.lua"),
    /** Worker: records results and counters, ends the job when its last item lands. */
    RECORD_RESULTS("record-results.lua"),
    /** Worker: keeps an item that failed for a reason of its own, for a retry. */
    KEEP_FOR_RETRY("keep-for-retry.lua"),
    /** Gateway: links a job to the job retrying its failed items. */
    LINK_RETRY("link-retry.lua"),
    /** Gateway: records a delivery of a job's end notice. */
    RECORD_DELIVERY("record-delivery.lua");

    private final String source;

    JobScripts(String file) {
        try (InputStream in = JobScripts.class.getResourceAsStream("redis/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + file);
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String source() {
        return source;
    }
}
