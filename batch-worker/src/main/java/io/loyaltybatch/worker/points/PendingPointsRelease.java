package io.loyaltybatch.worker.points;

import io.loyaltybatch.support.ScheduledTasks;
import io.loyaltybatch.worker.customer.CustomerKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves pending points whose return window has passed into available balances, for customers no item touches.
 * Balances read through the API are right without it (they count matured points as available); this keeps the
 * stored balance columns close to them. Safe to run on every worker at once.
 */
@Component
class PendingPointsRelease implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PendingPointsRelease.class);
    private static final int BATCH = 500;
    private static final String DUE_CUSTOMERS = """
            SELECT DISTINCT tenant_id, customer_id FROM points_ledger
            WHERE NOT settled AND available_at <= ? LIMIT ?""";

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration interval;

    PendingPointsRelease(
            JdbcTemplate jdbc,
            PointsLedger ledger,
            TransactionTemplate transaction,
            Clock clock,
            PointsProperties properties) {
        this.interval = properties.releaseInterval();
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        ScheduledTasks.withFixedDelay(
                tasks,
                log,
                "The release of matured pending points",
                interval,
                Duration.ofSeconds(10),
                this::releaseMaturedPoints);
    }

    void releaseMaturedPoints() {
        var now = clock.instant();
        List<CustomerKey> due = jdbc.query(
                DUE_CUSTOMERS,
                (row, n) -> new CustomerKey(row.getString(1), row.getString(2)),
                java.sql.Timestamp.from(now),
                BATCH);
        if (!due.isEmpty()) {
            transaction.executeWithoutResult(status -> ledger.lockAccounts(due, now));
            log.info("Released matured pending points of {} customer(s)", due.size());
        }
    }
}
