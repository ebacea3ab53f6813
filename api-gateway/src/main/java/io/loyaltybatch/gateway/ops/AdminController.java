package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.support.EngineUnavailableException;
import java.util.Optional;
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
        Optional<Backlog.JobPositions> positions;
        try {
            positions = backlog.job(jobId);
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable(e);
        }
        return positions.orElseThrow(() -> ApiException.notFound("Job not found"));
    }

    /** The group's lag per partition, read from the broker now. */
    @GetMapping("/lag")
    ItemsLag.Reading lag() {
        try {
            return lag.refresh();
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    /** The group's members and the partitions each holds. */
    @GetMapping("/consumer-group")
    ConsumerGroup.Description consumerGroup() {
        try {
            return group.describe();
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(Exception cause) {
        log.warn("The admin API could not read the consumer group: {}", cause.toString());
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.DEPENDENCY_UNAVAILABLE, "Kafka cannot answer now");
    }
}
