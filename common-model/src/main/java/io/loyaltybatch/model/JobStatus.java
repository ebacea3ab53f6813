package io.loyaltybatch.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a batch job and the moves allowed between them. Terminal states never change again.
 * The transition table is enforced where the state is written (the Redis scripts mirror it).
 */
public enum JobStatus {
    QUEUED("queued"),
    RUNNING("running"),
    COMPLETED("completed"),
    FAILED("failed"),
    STOPPED("stopped");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }

    /** The states this one may move to. */
    public Set<JobStatus> allowedNext() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, STOPPED, FAILED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, STOPPED);
            case COMPLETED, FAILED, STOPPED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean canMoveTo(JobStatus next) {
        return allowedNext().contains(next);
    }

    public static JobStatus fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(s -> s.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown job status: " + wireName));
    }
}
