package io.loyaltybatch.worker.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.worker.Items;
import io.loyaltybatch.worker.OnSharedEngines;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.item.ItemDispatch;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.ledger.LedgerOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Points earned inside a return window: pending first, spendable once the window has passed. */
@SpringBootTest(
        properties = {"loyalty.items-topic.name=pending-it.items", "loyalty.programs.returns.return-window-days=30"})
class PendingPointsIT extends OnSharedEngines {

    @Autowired
    ItemLedger ledger;

    @Autowired
    ItemDispatch dispatch;

    @Autowired
    PendingPointsRelease release;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PointsLedger points;

    @Autowired
    TransactionTemplate transaction;

    private final String customer = "pending-" + UUID.randomUUID();

    private ItemResult inquiry() {
        return LedgerOutcome.results(
                        ledger.apply(List.of(Items.forNewJob("returns").inquiry(customer)), dispatch::apply))
                .get(0);
    }

    /** What would happen when 30 days pass: the customer's pending rows come due. */
    private void windowPasses() {
        jdbc.update(
                "UPDATE points_ledger SET available_at = now() - interval '1 minute'"
                        + " WHERE customer_id = ? AND NOT settled",
                customer);
    }

    private long storedAvailable() {
        return jdbc.queryForObject(
                "SELECT available_points FROM customers WHERE customer_id = ?", Long.class, customer);
    }

    @Test
    void pointsEarnedInsideTheWindowArePendingAndCannotBeSpent() {
        Items items = Items.forNewJob("returns");
        List<ItemResult> results = LedgerOutcome.results(ledger.apply(
                List.of(
                        items.orderAt(customer, "recent-" + customer, "40", Instant.now()),
                        items.orderAt(
                                customer, "old-" + customer, "15", Instant.now().minus(Duration.ofDays(45))),
                        items.redeemPoints(customer, "spend-" + customer, 20)),
                dispatch::apply));

        assertThat(results.get(2).code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(inquiry().payload())
                .containsEntry("availablePointsBalance", 15L)
                .containsEntry("pendingPoints", 40L)
                .containsEntry("totalPointsBalance", 55L)
                .containsEntry("totalEarnedPoints", 55L);
        assertThat(jdbc.queryForObject(
                        "SELECT kind FROM points_ledger WHERE source_id = ?", String.class, "recent-" + customer))
                .isEqualTo("PENDING_EARN");
    }

    @Test
    void maturedPointsAreSettledWhenTheCustomerIsTouched() {
        LedgerOutcome.results(ledger.apply(
                List.of(Items.forNewJob("returns").orderAt(customer, "o-" + customer, "25", Instant.now())),
                dispatch::apply));
        windowPasses();

        assertThat(inquiry().payload())
                .containsEntry("availablePointsBalance", 25L)
                .containsEntry("pendingPoints", 0L);
        assertThat(storedAvailable()).isEqualTo(25);
        assertThat(LedgerOutcome.results(ledger.apply(
                                List.of(Items.forNewJob("returns").redeemPoints(customer, "r-" + customer, 25)),
                                dispatch::apply))
                        .get(0)
                        .successful())
                .isTrue();
    }

    @Test
    void maturedPointsOfUntouchedCustomersAreReleasedByTheSweep() {
        LedgerOutcome.results(ledger.apply(
                List.of(Items.forNewJob("returns").orderAt(customer, "o-" + customer, "12", Instant.now())),
                dispatch::apply));
        windowPasses();
        assertThat(storedAvailable()).isZero();

        release.releaseMaturedPoints();

        assertThat(storedAvailable()).isEqualTo(12);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM points_ledger WHERE customer_id = ? AND NOT settled",
                        Long.class,
                        customer))
                .isZero();
    }

    @Test
    void aReadThatWaitedOnTheSweepsLockCountsMaturedPointsOnce() throws Exception {
        LedgerOutcome.results(ledger.apply(
                List.of(Items.forNewJob("returns").orderAt(customer, "o-" + customer, "25", Instant.now())),
                dispatch::apply));
        windowPasses();
        CountDownLatch settled = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> sweep = threads.submit(() -> transaction.executeWithoutResult(status -> {
                points.lockAccounts(List.of(new CustomerKey("returns", customer)), Instant.now());
                settled.countDown();
                awaitQuietly(finish);
            }));
            settled.await(30, TimeUnit.SECONDS);
            Future<ItemResult> read = threads.submit(this::inquiry);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                            + " AND query LIKE '%FOR UPDATE%' AND state = 'active'",
                                    Long.class)
                            > 0);
            finish.countDown();
            sweep.get(30, TimeUnit.SECONDS);

            assertThat(read.get(30, TimeUnit.SECONDS).payload())
                    .containsEntry("availablePointsBalance", 25L)
                    .containsEntry("pendingPoints", 0L);
        } finally {
            finish.countDown();
            threads.shutdownNow();
        }
        assertThat(storedAvailable()).isEqualTo(25);
    }

    @Test
    void balancesInquiriesAndAdjustmentsStayExactWhileTheSweepRuns() throws Exception {
        AtomicBoolean sweeping = new AtomicBoolean(true);
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        try {
            Future<?> sweeps = sweeper.submit(() -> {
                while (sweeping.get()) {
                    release.releaseMaturedPoints();
                }
            });
            long expected = 0;
            for (int round = 0; round < 25; round++) {
                Items items = Items.forNewJob("returns");
                LedgerOutcome.results(ledger.apply(
                        List.of(items.orderAt(customer, "o" + round + "-" + customer, "10", Instant.now())),
                        dispatch::apply));
                windowPasses();
                expected += 10;
                List<ItemResult> results = LedgerOutcome.results(ledger.apply(
                        List.of(items.adjust(customer, 5), items.inquiry(customer), items.adjust(customer, -3)),
                        dispatch::apply));
                expected += 5;
                assertThat(results.get(0).payload()).containsEntry("availablePointsBalance", expected);
                assertThat(results.get(1).payload())
                        .containsEntry("availablePointsBalance", expected)
                        .containsEntry("pendingPoints", 0L);
                expected -= 3;
                assertThat(results.get(2).payload()).containsEntry("availablePointsBalance", expected);
            }
            sweeping.set(false);
            sweeps.get(30, TimeUnit.SECONDS);
            assertThat(storedAvailable()).isEqualTo(expected);
        } finally {
            sweeping.set(false);
            sweeper.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
