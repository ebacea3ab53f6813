package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void allowsOnlyTheContractsMoves() {
        assertThat(JobStatus.QUEUED.allowedNext())
                .containsExactlyInAnyOrder(JobStatus.RUNNING, JobStatus.STOPPED, JobStatus.FAILED);
        assertThat(JobStatus.RUNNING.allowedNext())
                .containsExactlyInAnyOrder(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.STOPPED);
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.COMPLETED)).isFalse();
    }

    @Test
    void everyStatusKnowsTheStatesThatMayMoveToIt() {
        assertThat(JobStatus.RUNNING.from()).containsExactly(JobStatus.QUEUED);
        assertThat(JobStatus.COMPLETED.from()).containsExactly(JobStatus.RUNNING);
        assertThat(JobStatus.FAILED.from()).containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.RUNNING);
        assertThat(JobStatus.QUEUED.from()).isEmpty();
    }

    @Test
    void reportedMovesAreReadAndAMoveTheTableForbidsFails() {
        assertThat(JobTransition.parse("queued>running,running>completed"))
                .containsExactly(
                        new JobTransition(JobStatus.QUEUED, JobStatus.RUNNING),
                        new JobTransition(JobStatus.RUNNING, JobStatus.COMPLETED));
        assertThat(JobTransition.parse("")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobTransition.parse("queued>completed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not allow");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobTransition.parse("stopped>running"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void terminalStatesNeverChange() {
        for (JobStatus status : JobStatus.values()) {
            assertThat(status.isTerminal()).isEqualTo(status.allowedNext().isEmpty());
        }
    }

    @Test
    void errorTypeFollowsTheThousand() {
        assertThat(ErrorCode.UNKNOWN_API_KEY.type()).isEqualTo("AUTHENTICATION_ERROR");
        assertThat(ErrorCode.BATCH_TOO_LARGE.type()).isEqualTo("PAYLOAD_ERROR");
        assertThat(ErrorCode.NOT_FOUND.type()).isEqualTo("GENERAL_ERROR");
        assertThat(ErrorCode.DEPENDENCY_UNAVAILABLE.type()).isEqualTo("SERVER_ERROR");
        assertThat(ErrorCode.CUSTOMER_NOT_FOUND.type()).isEqualTo("CUSTOMER_ERROR");
        assertThat(ErrorCode.INSUFFICIENT_BALANCE.type()).isEqualTo("TRANSACTIONS_ERROR");
    }

    @Test
    void everyItemTypeIsFoundByItsPathName() {
        for (ItemType type : ItemType.values()) {
            assertThat(ItemType.fromPathName(type.pathName())).contains(type);
        }
        assertThat(ItemType.fromPathName("coupons")).isEmpty();
    }
}
