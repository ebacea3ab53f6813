package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A Redis that answers with an error reply because it cannot serve (out of memory, read-only after a failover) is an
 * outage, not a fault of the item at hand: the item is retried until Redis serves again and then applied, never
 * reported 5000 without having been applied.
 */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=redis-replies-it.items",
            "loyalty.worker.item-retries=2",
            "loyalty.worker.retry-initial-interval=50ms",
            "loyalty.worker.retry-max-interval=100ms"
        })
@ExtendWith(OutputCaptureExtension.class)
class RedisErrorRepliesIT extends OnSharedEngines {

    private static final String TOPIC = "redis-replies-it.items";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    WorkerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WorkerFixture(redis, TOPIC);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Script runs Redis refused or failed, counted by Redis itself. */
    private long refusedScripts() {
        Properties stats =
                redis.execute((RedisConnection c) -> c.serverCommands().info("commandstats"));
        String eval = stats.getProperty("cmdstat_eval", "");
        return count(eval, "rejected_calls") + count(eval, "failed_calls");
    }

    private static long count(String commandStats, String field) {
        Matcher matcher = Pattern.compile(field + "=(\\d+)").matcher(commandStats);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private void itemsAreAppliedOnceRedisServesAgain(
            CapturedOutput output, Consumer<RedisConnection> fail, Consumer<RedisConnection> heal) {
        Items items = Items.forNewJob("acme");
        String customer = "replies-" + UUID.randomUUID();
        fixture.createJob(items.jobId(), "acme", ItemType.CUSTOMERS, 2);
        MessageListenerContainer container = listeners.getListenerContainer("items");
        container.pause();
        await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
        fixture.publish(List.of(items.customer(customer), items.customer(customer + "-2")));
        long before = refusedScripts();
        redis.execute((RedisConnection c) -> {
            fail.accept(c);
            return null;
        });
        container.resume();
        try {
            // many more refused tries than an item gets: a worker that blamed the item would have given up by now
            await().atMost(Duration.ofSeconds(60)).until(() -> refusedScripts() - before >= 12);
        } finally {
            redis.execute((RedisConnection c) -> {
                heal.accept(c);
                return null;
            });
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(items.jobId())));
        assertThat(fixture.results(items.jobId()).values())
                .extracting(r -> WireCodec.decodeResult((String) r))
                .allMatch(ItemResult::successful);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM customers WHERE customer_id IN (?, ?)",
                        Long.class,
                        customer,
                        customer + "-2"))
                .isEqualTo(2);
        // one line per retried try, with its reason; no stack trace on any of them
        assertThat(output.getOut())
                .contains("waits and is retried: Redis is unavailable")
                .doesNotContain("Error handler threw an exception")
                .doesNotContainPattern("(?m)^\\s+at [a-z]");
    }

    @Test
    void outOfMemoryRepliesAreRetriedUntilRedisServesAgain(CapturedOutput output) {
        itemsAreAppliedOnceRedisServesAgain(
                output,
                c -> c.serverCommands().setConfig("maxmemory", "1"),
                c -> c.serverCommands().setConfig("maxmemory", "0"));
    }

    @Test
    void readOnlyRepliesAreRetriedUntilRedisServesAgain(CapturedOutput output) {
        itemsAreAppliedOnceRedisServesAgain(
                output,
                c -> c.serverCommands().replicaOf("127.0.0.1", 1),
                c -> c.serverCommands().replicaOfNoOne());
    }
}
