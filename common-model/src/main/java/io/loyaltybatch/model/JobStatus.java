package io.loyaltybatch.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a batch job and the moves allowed between them: the one definition of the job state machine.
 * Terminal states never change again. The Redis scripts that change a job are given, for each move they may make, the
 * states it may start from ({@link #from()}, via {@link JobScriptCalls}), and report the moves they made, which are
 * checked against this table when read ({@link JobTransition}).
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

    /** The states that may move to this one. */
    public Set<JobStatus> from() {
        Set<JobStatus> from = EnumSet.noneOf(JobStatus.class);
        for (JobStatus status : values()) {
            if (status.canMoveTo(this)) {
                from.add(status);
            }
        }
        return from;
    }

    /** States as a script receives them: wire names joined by commas. */
    static String wireNames(Set<JobStatus> statuses) {
        return String.join(",", statuses.stream().map(JobStatus::wireName).toList());
    }

    public static JobStatus fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(s -> s.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown job status: " + wireName));
    }
}
