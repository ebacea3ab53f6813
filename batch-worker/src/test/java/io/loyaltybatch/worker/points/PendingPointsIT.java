package io.loyaltybatch.worker.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.worker.Items;
import io.loyaltybatch.worker.RealEnginesTest;
import io.loyaltybatch.worker.ledger.ItemLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Points earned inside a return window: pending first, spendable once the window has passed. */
@SpringBootTest(
        properties = {"loyalty.items-topic.name=pending-it.items", "loyalty.programs.returns.return-window-days=30"})
class PendingPointsIT extends RealEnginesTest {

    @Autowired
    ItemLedger ledger;

    @Autowired
    PendingPointsRelease release;

    @Autowired
    JdbcTemplate jdbc;

    private final String customer = "pending-" + UUID.randomUUID();

    private ItemResult inquiry() {
        return ledger.apply(List.of(Items.forNewJob("returns").inquiry(customer)))
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
        List<ItemResult> results = ledger.apply(List.of(
                items.orderAt(customer, "recent-" + customer, "40", Instant.now()),
                items.orderAt(customer, "old-" + customer, "15", Instant.now().minus(Duration.ofDays(45))),
                items.redeemPoints(customer, "spend-" + customer, 20)));

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
        ledger.apply(List.of(Items.forNewJob("returns").orderAt(customer, "o-" + customer, "25", Instant.now())));
        windowPasses();

        assertThat(inquiry().payload())
                .containsEntry("availablePointsBalance", 25L)
                .containsEntry("pendingPoints", 0L);
        assertThat(storedAvailable()).isEqualTo(25);
        assertThat(ledger.apply(List.of(Items.forNewJob("returns").redeemPoints(customer, "r-" + customer, 25)))
                        .get(0)
                        .successful())
                .isTrue();
    }

    @Test
    void maturedPointsOfUntouchedCustomersAreReleasedByTheSweep() {
        ledger.apply(List.of(Items.forNewJob("returns").orderAt(customer, "o-" + customer, "12", Instant.now())));
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
}
