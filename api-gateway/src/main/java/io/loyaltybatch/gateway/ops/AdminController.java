package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API (ext): the workers' consumer group as the broker sees it, and what waits for it. */
@RestController
@RequestMapping(AdminApi.PREFIX)
class AdminController {

    private static final Logger log = LoggerFactory.getLogger(AdminController.class);

    private final ItemsLag lag;
    private final ConsumerGroup group;
    private final Backlog backlog;

    AdminController(ItemsLag lag, ConsumerGroup group, Backlog backlog) {
        this.lag = lag;
        this.group = group;
        this.backlog = backlog;
    }

    /** Items of active jobs not applied yet, by tenant (Redis unable to answer: 503 like any request). */
    @GetMapping("/queued")
    Backlog.Queued queued() {
        return backlog.queued();
    }

    /** Where a job's items are in the partitions, against the group's committed offsets. */
    @GetMapping("/jobs/{jobId}")
    Backlog.JobPositions job(@PathVariable long jobId) {
        return fromKafka(() -> backlog.job(jobId)).orElseThrow(() -> ApiException.notFound("Job not found"));
    }

    /** The group's lag per partition, read from the broker now. */
    @GetMapping("/lag")
    ItemsLag.Reading lag() {
        return fromKafka(lag::refresh);
    }

    /** The group's members and the partitions each holds. */
    @GetMapping("/consumer-group")
    ConsumerGroup.Description consumerGroup() {
        return fromKafka(group::describe);
    }

    /** A call that asks the broker, with the admin client's ways of failing. */
    @FunctionalInterface
    private interface KafkaCall<T> {
        T call() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /** The call's answer; 503 when the broker cannot give it (any other failure is a fault, answered as one). */
    private static <T> T fromKafka(KafkaCall<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(Exception cause) {
        log.warn("The admin API could not read the consumer group: {}", cause.toString());
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.DEPENDENCY_UNAVAILABLE, "Kafka cannot answer now");
    }
}
