package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.item.ItemValidation;
import io.loyaltybatch.gateway.item.SubmittedItem;
import io.loyaltybatch.gateway.item.ValidatedItem;
import io.loyaltybatch.gateway.limit.JobQuotas;
import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.RedactedFailure;
import io.loyaltybatch.support.program.Programs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Creates a batch job. The job is written to the store first; its items are then published in one Kafka transaction,
 * and where they landed is noted with the job before the transaction commits. Only when all of that succeeded is the
 * job id handed out. If anything fails the job is removed, so a failed request leaves no job behind.
 *
 * <p>An {@code Idempotency-Key} is reserved (unconfirmed) before the job is created and confirmed once the job is
 * fully accepted. A replay answers 200 only for a job known to be durable: a confirmed key, or a job a worker has
 * already taken up. While that cannot be told, it answers 409; a key whose request provably never published its
 * items is taken over by the new request.
 */
@Service
public class JobSubmission {

    private static final Logger log = LoggerFactory.getLogger(JobSubmission.class);
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    /** What the caller gets: the job id and whether it was replayed from an earlier request. */
    public record Submitted(long jobId, boolean replayed) {}

    private final BatchRequestParser parser;
    private final ItemValidation validation;
    private final JobIds jobIds;
    private final JobStore jobs;
    private final IdempotencyStore idempotency;
    private final ItemPublisher publisher;
    private final GatewayProperties properties;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Programs programs;
    private final JobQuotas quotas;

    JobSubmission(
            BatchRequestParser parser,
            ItemValidation validation,
            JobIds jobIds,
            JobStore jobs,
            IdempotencyStore idempotency,
            ItemPublisher publisher,
            GatewayProperties properties,
            Clock clock,
            MeterRegistry metrics,
            Programs programs,
            JobQuotas quotas) {
        this.parser = parser;
        this.validation = validation;
        this.jobIds = jobIds;
        this.jobs = jobs;
        this.idempotency = idempotency;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.programs = programs;
        this.quotas = quotas;
    }

    public Submitted submit(Tenant tenant, String typeName, byte[] body, String idempotencyKey) {
        ItemType type = ItemType.fromPathName(typeName)
                .orElseThrow(() -> ApiException.notFound("Unknown batch type: " + typeName));
        if (idempotencyKey != null
                && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw ApiException.badRequest(ErrorCode.INVALID_VALUE, "Idempotency-Key must be 1-255 characters");
        }
        List<SubmittedItem> items = parser.parse(body);
        if (idempotencyKey == null) {
            long jobId = jobIds.next();
            JobLogContext.name(jobId);
            create(tenant, type, jobId, items);
            return new Submitted(jobId, false);
        }
        return once(tenant, idempotencyKey, requestDigest(type, body), jobId -> create(tenant, type, jobId, items));
    }

    /**
     * A new job of the items of a finished job that failed for a reason of their own (5000), linked both ways. A job
     * is retried once: asking again answers the same retry job, as a replayed request does, for as long as that job
     * exists; retry the retry job to go on. Its items are published as they were validated at their first submit.
     */
    public Submitted retry(Tenant tenant, long parentJobId) {
        JobLogContext.name(parentJobId);
        JobSnapshot parent =
                jobs.find(tenant.id(), parentJobId).orElseThrow(() -> JobStatusReading.jobNotFound(parentJobId));
        Long linked = parent.links().retryJobId();
        if (linked != null && jobs.header(tenant.id(), linked).isPresent()) {
            return new Submitted(linked, true);
        }
        if (!parent.status().isTerminal()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    ErrorCode.CONFLICT,
                    "Job " + parentJobId + " has not ended yet; retry it once it has");
        }
        List<ItemEnvelope> kept = jobs.keptForRetry(tenant.id(), parentJobId);
        if (kept.isEmpty()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    ErrorCode.CONFLICT,
                    "Job " + parentJobId
                            + " has no failed item to retry: only items that failed with 5000 are retried");
        }
        // a NUL keeps this key apart from every client's: no header value can hold one
        return once(tenant, "\u0000retry:" + parentJobId, "retry:" + parentJobId, jobId -> {
            List<ItemEnvelope> items = new ArrayList<>(kept.size());
            for (ItemEnvelope item : kept) {
                // under the parent's program, as every item of the parent was
                items.add(ItemEnvelope.of(
                        tenant.id(),
                        jobId,
                        items.size(),
                        item.type(),
                        item.customerId(),
                        item.payload(),
                        item.program()));
            }
            withinQuotas(
                    tenant,
                    jobId,
                    items.size(),
                    () -> accept(
                            tenant.lane(),
                            new NewJob(
                                    jobId,
                                    tenant.id(),
                                    parent.type(),
                                    items.size(),
                                    clock.instant(),
                                    List.of(),
                                    parentJobId),
                            items,
                            // linked before its items are published: should this request fail, the link names a job
                            // that is gone, which a later retry replaces
                            () -> jobs.linkRetry(tenant.id(), parentJobId, jobId)));
        });
    }

    /** Creates a job under an idempotency key at most once, or answers the job an earlier request created with it. */
    private Submitted once(Tenant tenant, String key, String requestDigest, LongConsumer create) {
        Optional<Submitted> earlier = replay(tenant, key, requestDigest);
        if (earlier.isPresent()) {
            JobLogContext.name(earlier.get().jobId());
            return earlier.get();
        }
        long jobId = jobIds.next();
        JobLogContext.name(jobId);
        IdempotencyStore.Entry entry = new IdempotencyStore.Entry(jobId, requestDigest, false, clock.instant());
        if (!idempotency.reserve(tenant.id(), key, entry, properties.idempotencyTtl())) {
            return replay(tenant, key, requestDigest).orElseThrow(JobSubmission::inFlight);
        }
        try {
            create.accept(jobId);
        } catch (RuntimeException e) {
            releaseQuietly(tenant, key, entry);
            throw e;
        }
        confirmQuietly(tenant, key, entry);
        return new Submitted(jobId, false);
    }

    private void create(Tenant tenant, ItemType type, long jobId, List<SubmittedItem> items) {
        List<ItemResult> rejected = new ArrayList<>();
        List<ItemEnvelope> accepted = new ArrayList<>();
        // read once: every item of the job is applied under the program current now, whatever changes after
        int program = programs.current(tenant.id()).version();
        for (ValidatedItem item : validation.validate(type, items)) {
            if (item instanceof ValidatedItem.Accepted a) {
                accepted.add(
                        ItemEnvelope.of(tenant.id(), jobId, a.index(), type, a.customerId(), a.payload(), program));
            } else if (item instanceof ValidatedItem.Rejected r) {
                rejected.add(r.result());
            }
        }
        withinQuotas(
                tenant,
                jobId,
                items.size(),
                () -> accept(
                        tenant.lane(),
                        new NewJob(jobId, tenant.id(), type, items.size(), clock.instant(), rejected),
                        accepted,
                        () -> {}));
    }

    /**
     * Counts the job against the tenant's quotas, then creates it; a job that could not be created is taken back.
     *
     * @throws io.loyaltybatch.gateway.api.LimitExceededException when a quota is reached: nothing was written
     */
    private void withinQuotas(Tenant tenant, long jobId, int items, Runnable create) {
        quotas.admit(tenant, jobId, items);
        try {
            create.run();
        } catch (RuntimeException e) {
            try {
                quotas.release(tenant, jobId, items);
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
    }

    /**
     * Writes the job, runs {@code afterWrite}, then publishes its accepted items on the tenant's lane; if anything fails the job is
     * removed and the failure thrown.
     */
    private void accept(String lane, NewJob job, List<ItemEnvelope> accepted, Runnable afterWrite) {
        long jobId = job.jobId();
        ItemType type = job.type();
        List<ItemResult> rejected = job.rejected();
        try {
            jobs.create(job);
            afterWrite.run();
            if (!accepted.isEmpty()) {
                publisher.publish(lane, accepted, positions -> jobs.recordPositions(jobId, positions));
            }
        } catch (RuntimeException e) {
            deleteQuietly(jobId, e);
            throw e;
        }
        Counter.builder("loyalty.jobs.submitted")
                .description("Jobs accepted, by type")
                .tag("type", type.pathName())
                .register(metrics)
                .increment();
        Counter.builder("loyalty.items.rejected")
                .description("Items of accepted jobs failed at submit by validation, by type")
                .tag("type", type.pathName())
                .register(metrics)
                .increment(rejected.size());
        log.info(
                "Job {} accepted: {} {} item(s), {} rejected at submit{}",
                jobId,
                job.itemCount(),
                type.pathName(),
                rejected.size(),
                job.parentJobId() == null ? "" : ", retrying job " + job.parentJobId());
    }

    /**
     * What an earlier request with this key tells: the same job again, nothing (the key is free, or was taken over
     * from a request that provably never published), 422 for another body, or 409 while it cannot be told.
     */
    private Optional<Submitted> replay(Tenant tenant, String key, String requestDigest) {
        Optional<IdempotencyStore.Entry> found = idempotency.find(tenant.id(), key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyStore.Entry entry = found.get();
        if (!entry.requestDigest().equals(requestDigest)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ErrorCode.INVALID_VALUE,
                    "Idempotency-Key was already used with a different request");
        }
        Optional<JobHeader> job = jobs.header(tenant.id(), entry.jobId());
        if (entry.confirmed()) {
            if (job.isEmpty()) {
                throw inFlight();
            }
            return Optional.of(new Submitted(entry.jobId(), true));
        }
        if (job.isPresent() && job.get().status() != JobStatus.QUEUED) {
            // a worker took up one of its items (visible only once committed), or it ended: it is durable
            confirmQuietly(tenant, key, entry);
            return Optional.of(new Submitted(entry.jobId(), true));
        }
        boolean neverPublished = job.isEmpty() || job.get().positions() == null;
        Instant givenUp = entry.reservedAt().plus(properties.idempotencyPendingTtl());
        if (neverPublished && clock.instant().isAfter(givenUp)) {
            // the request that reserved the key died before publishing anything: start afresh
            job.ifPresent(header -> deleteQuietly(header.jobId(), null));
            idempotency.release(tenant.id(), key, entry);
            return Optional.empty();
        }
        throw inFlight();
    }

    private static ApiException inFlight() {
        return new ApiException(
                HttpStatus.CONFLICT,
                ErrorCode.CONFLICT,
                "A request with this Idempotency-Key is still in progress; retry shortly");
    }

    private void deleteQuietly(long jobId, RuntimeException cause) {
        try {
            jobs.delete(jobId);
        } catch (EngineUnavailableException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            log.warn(
                    "Job {} could not be removed after a failed request ({}); its items were never published",
                    jobId,
                    RedactedFailure.describe(e));
        }
    }

    private void releaseQuietly(Tenant tenant, String key, IdempotencyStore.Entry entry) {
        try {
            idempotency.release(tenant.id(), key, entry);
        } catch (EngineUnavailableException e) {
            log.warn("Idempotency-Key could not be released; a retry with it is answered once its job is known");
        }
    }

    private void confirmQuietly(Tenant tenant, String key, IdempotencyStore.Entry entry) {
        try {
            idempotency.confirm(tenant.id(), key, entry, properties.idempotencyTtl());
        } catch (EngineUnavailableException e) {
            log.warn("Idempotency-Key could not be confirmed; a replay answers 409 until a worker takes the job up");
        }
    }

    private static String requestDigest(ItemType type, byte[] body) {
        byte[] typeBytes = type.pathName().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(typeBytes.length + 1 + body.length);
        buffer.put(typeBytes).put((byte) '\n').put(body);
        return Base64.getEncoder().encodeToString(SecretDigest.sha256Bytes(buffer.array()));
    }
}
