package io.loyaltybatch.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A move of a job from one status to another, as a script reports it. Only the moves of {@link JobStatus}'s table
 * exist: reporting any other is a bug in a script, and fails loudly where it is read.
 */
public record JobTransition(JobStatus from, JobStatus to) {

    public JobTransition {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a job moved from " + from.wireName() + " to " + to.wireName()
                    + ", which the job state machine does not allow");
        }
    }

    /** The moves a script reported, as {@code from>to} pairs joined by commas; empty for none. */
    public static List<JobTransition> parse(String reported) {
        List<JobTransition> moves = new ArrayList<>();
        if (reported == null || reported.isEmpty()) {
            return moves;
        }
        for (String move : reported.split(",")) {
            int arrow = move.indexOf('>');
            moves.add(new JobTransition(
                    JobStatus.fromWireName(move.substring(0, arrow)),
                    JobStatus.fromWireName(move.substring(arrow + 1))));
        }
        return moves;
    }

    public boolean endsTheJob() {
        return to.isTerminal();
    }

    @Override
    public String toString() {
        return from.wireName() + "->" + to.wireName();
    }
}
