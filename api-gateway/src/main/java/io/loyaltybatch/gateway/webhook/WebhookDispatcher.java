package io.loyaltybatch.gateway.webhook;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.ScheduledTasks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Delivers job end notices to the tenants' receivers, at least once: every {@code poll-interval} it takes the due
 * notices (as many as it has free senders), posts each one signed ({@link WebhookSignature}) and settles it on a 2xx;
 * any other answer, or none within {@code timeout}, is tried again after a doubling wait, up to {@code max-attempts}.
 * Deliveries run on senders of their own, so a receiver that is slow or down delays nothing but its own notices, and
 * job processing, which happens in the workers, not at all.
 */
@Component
class WebhookDispatcher implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final EndNotices notices;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService senders;
    private final Semaphore free;

    WebhookDispatcher(EndNotices notices, WebhookProperties properties, Clock clock) {
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.senders = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.free = new Semaphore(properties.concurrency());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        ScheduledTasks.withFixedDelay(
                tasks,
                log,
                "Delivering job end notices",
                properties.pollInterval(),
                properties.pollInterval(),
                this::deliverDue);
    }

    /** Hands as many due notices as there are free senders to them. */
    void deliverDue() {
        int slots = free.availablePermits();
        if (slots == 0) {
            return;
        }
        // held for longer than a delivery may take, so no other gateway sends it meanwhile
        Duration lease = properties.timeout().multipliedBy(3);
        for (long jobId : notices.claimDue(clock.instant(), lease, slots)) {
            free.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    ScheduledTasks.oneLinePerFailure(
                                    log, "Delivering the end notice of job " + jobId, lease, () -> deliver(jobId))
                            .run();
                } finally {
                    free.release();
                }
            });
        }
    }

    private void deliver(long jobId) {
        Optional<EndNotices.EndedJob> found = notices.job(jobId);
        WebhookProperties.Receiver receiver =
                found.map(job -> properties.tenants().get(job.tenantId())).orElse(null);
        if (found.isEmpty() || receiver == null || found.get().notice() != null) {
            // gone, no receiver, or settled before (an end noticed twice)
            notices.settle(jobId);
            return;
        }
        EndNotices.EndedJob job = found.get();
        Instant now = clock.instant();
        byte[] body = WireCodec.mapper().writeValueAsBytes(notice(job, now));
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(receiver.url())
                            .timeout(properties.timeout())
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "loyalty-batch-webhooks")
                            .header(WebhookSignature.HEADER, WebhookSignature.sign(receiver.secret(), now, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            status = answer.statusCode();
            if (status / 100 != 2) {
                error = "HTTP " + status;
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int attempt = job.attempts() + 1;
        EndNotices.Delivery delivery = new EndNotices.Delivery(JobKeys.timestamp(now), attempt, status, error, millis);
        if (error == null) {
            notices.record(jobId, delivery, EndNotices.Outcome.SENT, null);
            log.info("End notice of job {} delivered (HTTP {}, attempt {})", jobId, status, attempt);
        } else if (attempt >= properties.maxAttempts()) {
            notices.record(jobId, delivery, EndNotices.Outcome.ABANDONED, null);
            log.warn("End notice of job {} given up after {} attempts ({})", jobId, attempt, error);
        } else {
            Duration wait = properties.retryAfter(attempt);
            notices.record(
                    jobId, delivery, EndNotices.Outcome.RETRY, clock.instant().plus(wait));
            log.warn("End notice of job {} not delivered ({}); attempt {} in {}", jobId, error, attempt + 1, wait);
        }
    }

    /** The notice: an id that stays the same on every delivery, and the job's end. */
    static Map<String, Object> notice(EndNotices.EndedJob job, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", job.jobId());
        data.put(
                "operation",
                ItemType.fromPathName(job.type()).map(ItemType::operation).orElse(job.type()));
        data.put("type", job.type());
        data.put("status", job.status());
        data.put("itemCount", job.itemCount());
        data.put("finishedCount", job.finished());
        data.put("errorCount", job.errors());
        data.put("cancelledCount", job.cancelled());
        data.put("createdAt", job.createdAt());
        data.put("completedAt", job.completedAt());
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("id", "job-ended-" + job.jobId());
        notice.put("type", "job.ended");
        notice.put("sentAt", JobKeys.timestamp(now));
        notice.put("data", data);
        return notice;
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
