package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.api.DependencyUnavailableException;
import io.loyaltybatch.gateway.item.ItemValidation;
import io.loyaltybatch.gateway.item.ValidatedItem;
import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Creates a batch job. The job is written to the store first and its items are then published in one Kafka
 * transaction; only when both have succeeded is the job id handed out. If publishing fails the job is removed, so a
 * failed request leaves no job behind.
 */
@Service
public class JobSubmission {

    private static final Logger log = LoggerFactory.getLogger(JobSubmission.class);
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    /** What the caller gets: the job id and whether it was replayed from an earlier request. */
    public record Submitted(long jobId, boolean replayed) {}

    private final BatchRequestParser parser;
    private final ItemValidation validation;
    private final JobStore jobs;
    private final IdempotencyStore idempotency;
    private final ItemPublisher publisher;
    private final GatewayProperties properties;
    private final Clock clock;

    JobSubmission(
            BatchRequestParser parser,
            ItemValidation validation,
            JobStore jobs,
            IdempotencyStore idempotency,
            ItemPublisher publisher,
            GatewayProperties properties,
            Clock clock) {
        this.parser = parser;
        this.validation = validation;
        this.jobs = jobs;
        this.idempotency = idempotency;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    public Submitted submit(Tenant tenant, String typeName, byte[] body, String idempotencyKey) {
        ItemType type = ItemType.fromPathName(typeName)
                .filter(validation::supports)
                .orElseThrow(() -> ApiException.notFound("Unknown batch type: " + typeName));
        if (idempotencyKey != null
                && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw ApiException.badRequest(ErrorCode.INVALID_VALUE, "Idempotency-Key must be 1-255 characters");
        }
        List<JsonNode> items = parser.parse(body);
        String requestDigest = requestDigest(type, body);
        if (idempotencyKey != null) {
            Optional<Submitted> earlier = replay(tenant, idempotencyKey, requestDigest);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        long jobId = jobs.nextJobId();
        if (idempotencyKey != null
                && !idempotency.reserve(
                        tenant.id(),
                        idempotencyKey,
                        new IdempotencyStore.Entry(jobId, requestDigest),
                        properties.idempotencyPendingTtl())) {
            return replay(tenant, idempotencyKey, requestDigest).orElseThrow(() -> inFlight());
        }
        try {
            create(tenant, type, jobId, items);
        } catch (RuntimeException e) {
            if (idempotencyKey != null) {
                releaseQuietly(tenant, idempotencyKey);
            }
            throw e;
        }
        if (idempotencyKey != null) {
            confirmQuietly(tenant, idempotencyKey);
        }
        return new Submitted(jobId, false);
    }

    private void create(Tenant tenant, ItemType type, long jobId, List<JsonNode> items) {
        List<ItemResult> rejected = new ArrayList<>();
        List<ItemEnvelope> accepted = new ArrayList<>();
        for (ValidatedItem item : validation.validate(type, items)) {
            if (item instanceof ValidatedItem.Accepted a) {
                accepted.add(ItemEnvelope.of(tenant.id(), jobId, a.index(), type, a.customerId(), a.item()));
            } else if (item instanceof ValidatedItem.Rejected r) {
                rejected.add(r.result());
            }
        }
        jobs.create(new NewJob(jobId, tenant.id(), type, items.size(), clock.instant(), rejected));
        if (accepted.isEmpty()) {
            return;
        }
        try {
            publisher.publish(accepted);
        } catch (RuntimeException e) {
            deleteQuietly(jobId, e);
            throw e;
        }
        log.info(
                "Job {} accepted: {} {} item(s), {} rejected at submit",
                jobId,
                items.size(),
                type.pathName(),
                rejected.size());
    }

    private Optional<Submitted> replay(Tenant tenant, String key, String requestDigest) {
        Optional<IdempotencyStore.Entry> entry = idempotency.find(tenant.id(), key);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (!entry.get().requestDigest().equals(requestDigest)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ErrorCode.INVALID_VALUE,
                    "Idempotency-Key was already used with a different request");
        }
        if (!jobs.exists(entry.get().jobId())) {
            throw inFlight();
        }
        return Optional.of(new Submitted(entry.get().jobId(), true));
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
        } catch (DependencyUnavailableException e) {
            cause.addSuppressed(e);
            log.warn("Job {} could not be removed after a failed publish; it never becomes visible to a client", jobId);
        }
    }

    private void releaseQuietly(Tenant tenant, String key) {
        try {
            idempotency.release(tenant.id(), key);
        } catch (DependencyUnavailableException e) {
            log.warn("Idempotency-Key could not be released; it expires by itself");
        }
    }

    private void confirmQuietly(Tenant tenant, String key) {
        try {
            idempotency.confirm(tenant.id(), key, properties.idempotencyTtl());
        } catch (DependencyUnavailableException e) {
            log.warn("Idempotency-Key could not be kept for its full lifetime; the job itself is durable");
        }
    }

    private static String requestDigest(ItemType type, byte[] body) {
        byte[] typeBytes = type.pathName().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(typeBytes.length + 1 + body.length);
        buffer.put(typeBytes).put((byte) '\n').put(body);
        return Base64.getEncoder().encodeToString(SecretDigest.sha256Bytes(buffer.array()));
    }
}
