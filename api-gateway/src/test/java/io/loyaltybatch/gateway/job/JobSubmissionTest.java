package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.item.Validators;
import io.loyaltybatch.gateway.limit.InMemoryRateLimiter;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.gateway.tenant.TenantLimits;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.testing.InMemoryPrograms;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class JobSubmissionTest {

    private static final Tenant ACME = new Tenant("acme");
    private static final Tenant GLOBEX = new Tenant("globex");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryJobStore jobs = new InMemoryJobStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final InMemoryPrograms programs = new InMemoryPrograms();
    private final JobSubmission submission = newSubmission();

    private JobSubmission newSubmission() {
        GatewayProperties properties =
                new GatewayProperties(1000, Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofMinutes(2));
        return new JobSubmission(
                new BatchRequestParser(properties),
                Validators.validation(),
                jobs,
                jobs,
                idempotency,
                publisher,
                properties,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry(),
                programs,
                InMemoryRateLimiter.quotas(new InMemoryRateLimiter()));
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTenantsItemsArePublishedOnItsLane() {
        submission.submit(
                new Tenant("initech", null, "initech-lane"),
                "customers",
                body("{\"body\": [{\"customerId\": \"a\"}]}"),
                null);
        submission.submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}]}"), null);

        assertThat(publisher.lanes).containsExactly("initech-lane", "default");
    }

    @Test
    void publishesValidItemsAndRecordsInvalidOnesAsFailed() {
        JobSubmission.Submitted submitted = submission.submit(
                ACME,
                "customers",
                body("{\"body\": [{\"customerId\": \"a\"}, {\"name\": \"no id\"}, {\"customerId\": \"b\"}]}"),
                null);

        assertThat(publisher.published).extracting(e -> e.index()).containsExactly(0, 2);
        assertThat(publisher.published)
                .allMatch(e -> e.jobId() == submitted.jobId() && e.tenantId().equals("acme"));
        JobSnapshot job = jobs.find("acme", submitted.jobId()).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.itemCount()).isEqualTo(3);
        assertThat(job.results()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        });
    }

    @Test
    void everyItemOfAJobCarriesTheProgramVersionCurrentAtSubmit() {
        String twoItems = "{\"body\": [{\"customerId\": \"a\"}, {\"customerId\": \"b\"}]}";
        long first = submission.submit(ACME, "customers", body(twoItems), null).jobId();
        programs.write("acme", ProgramSettings.DEFAULTS);
        programs.write("acme", ProgramSettings.DEFAULTS);
        long second = submission.submit(ACME, "customers", body(twoItems), null).jobId();
        programs.write("globex", ProgramSettings.DEFAULTS);

        assertThat(publisher.published)
                .filteredOn(e -> e.jobId() == first)
                .extracting(ItemEnvelope::program)
                .containsExactly(0, 0);
        assertThat(publisher.published)
                .filteredOn(e -> e.jobId() == second)
                .extracting(ItemEnvelope::program)
                .containsExactly(2, 2);
    }

    @Test
    void jobWithOnlyInvalidItemsEndsFailedWithoutPublishing() {
        long jobId = submission
                .submit(ACME, "customers", body("{\"body\": [{}, {}]}"), null)
                .jobId();

        assertThat(jobs.find("acme", jobId).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aJobWithMoreItemsThanTheTenantsWholeDayIs422NotARetryableLimit() {
        Tenant small = new Tenant("small", new TenantLimits(null, null, null, 2L, null), null);

        assertThatThrownBy(() -> submission.submit(
                        small,
                        "customers",
                        body("{\"body\": [{\"customerId\": \"a\"}, {\"customerId\": \"b\"}, {\"customerId\": \"c\"}]}"),
                        null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.code()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
                    assertThat(e.getMessage()).contains("3 items").contains("2 per UTC day");
                });
        assertThat(publisher.published).isEmpty();
        assertThat(submission
                        .submit(
                                small,
                                "customers",
                                body("{\"body\": [{\"customerId\": \"a\"}, {\"customerId\": \"b\"}]}"),
                                null)
                        .jobId())
                .as("nothing of the day was counted for the refused job")
                .isPositive();
    }

    @Test
    void unknownTypeIs404() {
        assertThatThrownBy(() -> submission.submit(ACME, "coupons", body("{\"body\": [{}]}"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                });
    }

    @Test
    void failedPublishLeavesNoJobAndFreesTheIdempotencyKey() {
        publisher.down = true;

        assertThatThrownBy(() ->
                        submission.submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}]}"), "key-1"))
                .isInstanceOf(EngineUnavailableException.class);

        assertThat(jobs.jobs).isEmpty();
        assertThat(idempotency.entries).isEmpty();
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheJob() {
        byte[] body = body("{\"body\": [{\"customerId\": \"a\"}]}");
        JobSubmission.Submitted first = submission.submit(ACME, "customers", body, "key-1");

        JobSubmission.Submitted again = submission.submit(ACME, "customers", body, "key-1");

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(again.replayed()).isTrue();
        assertThat(jobs.jobs).hasSize(1);
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422With3003() {
        submission.submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}]}"), "key-1");

        assertThatThrownBy(() ->
                        submission.submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"b\"}]}"), "key-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                });
    }

    @Test
    void idempotencyKeysAreScopedByTenant() {
        byte[] body = body("{\"body\": [{\"customerId\": \"a\"}]}");
        long acmeJob = submission.submit(ACME, "customers", body, "key-1").jobId();

        JobSubmission.Submitted globex = submission.submit(GLOBEX, "customers", body, "key-1");

        assertThat(globex.replayed()).isFalse();
        assertThat(globex.jobId()).isNotEqualTo(acmeJob);
    }

    @Test
    void overlongIdempotencyKeyIs400() {
        assertThatThrownBy(() -> submission.submit(
                        ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}]}"), "k".repeat(256)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void publishedItemsArePositionedWithTheJobBeforeTheyBecomeVisible() {
        long jobId = submission
                .submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}, {\"customerId\": \"b\"}]}"), null)
                .jobId();

        assertThat(jobs.positions.get(jobId).lastOffsets()).containsEntry(0, 1L);
    }

    @Test
    void aFailureAfterTheJobWasWrittenLeavesNoJob() {
        InMemoryJobStore failingAfterCreate = new InMemoryJobStore() {
            @Override
            public void recordPositions(long jobId, io.loyaltybatch.model.ItemPositions positions) {
                throw new EngineUnavailableException("Redis", new RuntimeException("READONLY"));
            }
        };
        GatewayProperties properties =
                new GatewayProperties(1000, Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofMinutes(2));
        JobSubmission submitting = new JobSubmission(
                new BatchRequestParser(properties),
                Validators.validation(),
                failingAfterCreate,
                failingAfterCreate,
                idempotency,
                publisher,
                properties,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry(),
                programs,
                InMemoryRateLimiter.quotas(new InMemoryRateLimiter()));

        assertThatThrownBy(
                        () -> submitting.submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}]}"), "k"))
                .isInstanceOf(EngineUnavailableException.class);

        assertThat(failingAfterCreate.jobs).isEmpty();
        assertThat(publisher.published).isEmpty();
        assertThat(idempotency.entries).isEmpty();
    }

    @Test
    void aReplayWhileTheFirstRequestIsStillPublishingIs409AndNeverTheIdOfAJobThatMayFail() throws Exception {
        byte[] body = body("{\"body\": [{\"customerId\": \"a\"}]}");
        publisher.holdHalfWay();
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
            try {
                submission.submit(ACME, "customers", body, "key-1");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        RecordingPublisher.await(publisher.writing);

        assertThatThrownBy(() -> submission.submit(ACME, "customers", body, "key-1"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));

        publisher.finish(true);
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(EngineUnavailableException.class);
        assertThat(jobs.jobs).isEmpty();
        publisher.down = false;
        publisher.release = null;
        JobSubmission.Submitted retried = submission.submit(ACME, "customers", body, "key-1");
        assertThat(retried.replayed()).isFalse();
        assertThat(jobs.jobs).containsOnlyKeys(retried.jobId());
    }

    @Test
    void aPendingKeyWhoseJobAWorkerTookUpIsReplayed() {
        byte[] body = body("{\"body\": [{\"customerId\": \"a\"}]}");
        long jobId = submission.submit(ACME, "customers", body, "key-1").jobId();
        IdempotencyStore.Entry confirmed = idempotency.entries.get("acme/key-1");
        // as if the confirmation after the commit had been lost
        idempotency.entries.put(
                "acme/key-1",
                new IdempotencyStore.Entry(jobId, confirmed.requestDigest(), false, confirmed.reservedAt()));

        assertThatThrownBy(() -> submission.submit(ACME, "customers", body, "key-1"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        jobs.start(jobId);
        JobSubmission.Submitted replayed = submission.submit(ACME, "customers", body, "key-1");

        assertThat(replayed.jobId()).isEqualTo(jobId);
        assertThat(replayed.replayed()).isTrue();
        assertThat(idempotency.entries.get("acme/key-1").confirmed()).isTrue();
    }

    @Test
    void aKeyWhoseRequestDiedBeforePublishingIsTakenOverOnceThePendingWindowHasPassed() {
        byte[] body = body("{\"body\": [{\"customerId\": \"a\"}]}");
        long deadJob = submission.submit(ACME, "customers", body, "key-1").jobId();
        String digest = idempotency.entries.get("acme/key-1").requestDigest();
        jobs.positions.remove(deadJob);
        idempotency.entries.put(
                "acme/key-1", new IdempotencyStore.Entry(deadJob, digest, false, NOW.minus(Duration.ofMinutes(3))));

        JobSubmission.Submitted fresh = submission.submit(ACME, "customers", body, "key-1");

        assertThat(fresh.replayed()).isFalse();
        assertThat(fresh.jobId()).isNotEqualTo(deadJob);
        assertThat(jobs.jobs).containsOnlyKeys(fresh.jobId());
    }

    /** A job of three customers whose first and last items failed with 5000 and were kept, ended. */
    private long endedWithTwoKept() {
        long parent = submission
                .submit(
                        ACME,
                        "customers",
                        body("{\"body\": [{\"customerId\": \"a\"}, {\"customerId\": \"b\"}, "
                                + "{\"customerId\": \"c\"}]}"),
                        null)
                .jobId();
        jobs.keep(publisher.published.get(2));
        jobs.keep(publisher.published.get(0));
        jobs.end(parent, JobStatus.COMPLETED);
        publisher.published.clear();
        return parent;
    }

    @Test
    void aRetryPublishesTheKeptItemsOfAnEndedJobAsANewJobLinkedBothWaysOnce() {
        long parent = endedWithTwoKept();

        JobSubmission.Submitted retry = submission.retry(ACME, parent);

        assertThat(retry.replayed()).isFalse();
        assertThat(publisher.published)
                .extracting(e -> e.jobId(), e -> e.index(), e -> e.customerId())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(retry.jobId(), 0, "a"),
                        org.assertj.core.groups.Tuple.tuple(retry.jobId(), 1, "c"));
        JobSnapshot retried = jobs.find("acme", retry.jobId()).orElseThrow();
        assertThat(retried.type()).isEqualTo(io.loyaltybatch.model.ItemType.CUSTOMERS);
        assertThat(retried.itemCount()).isEqualTo(2);
        assertThat(retried.links().parentJobId()).isEqualTo(parent);
        assertThat(jobs.find("acme", parent).orElseThrow().links().retryJobId()).isEqualTo(retry.jobId());

        publisher.published.clear();
        JobSubmission.Submitted again = submission.retry(ACME, parent);
        assertThat(again).isEqualTo(new JobSubmission.Submitted(retry.jobId(), true));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void onlyAnEndedJobOfTheTenantWithKeptItemsIsRetried() {
        long running = submission
                .submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}]}"), null)
                .jobId();
        jobs.keep(publisher.published.get(0));
        long nothingKept = submission
                .submit(ACME, "customers", body("{\"body\": [{\"customerId\": \"a\"}]}"), null)
                .jobId();
        jobs.end(nothingKept, JobStatus.FAILED);
        long parent = endedWithTwoKept();

        assertThatThrownBy(() -> submission.retry(ACME, running))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> submission.retry(ACME, nothingKept)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        });
        assertThatThrownBy(() -> submission.retry(GLOBEX, parent))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(jobs.find("acme", parent).orElseThrow().links().retryJobId()).isNull();
    }

    @Test
    void aRetryWhoseItemsCouldNotBePublishedLeavesNoJobAndIsAskedAgain() {
        long parent = endedWithTwoKept();
        int before = jobs.jobs.size();
        publisher.down = true;

        assertThatThrownBy(() -> submission.retry(ACME, parent)).isInstanceOf(EngineUnavailableException.class);
        assertThat(jobs.jobs).hasSize(before);

        publisher.down = false;
        JobSubmission.Submitted retry = submission.retry(ACME, parent);
        assertThat(retry.replayed()).isFalse();
        assertThat(publisher.published).hasSize(2);
        assertThat(jobs.find("acme", parent).orElseThrow().links().retryJobId()).isEqualTo(retry.jobId());
    }
}
