package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.worker.item.ItemDispatch;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.ledger.LedgerOutcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every ledger item kind against a real PostgreSQL server, through the ledger the worker uses (claims, handlers,
 * results in one transaction). Tenant {@code acme} runs on the defaults; {@code strict} does not create customers;
 * {@code generous} earns 10 points per 2.00 with points worth 0.05.
 */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=ledger-it.items",
            "loyalty.programs.strict.auto-create-customers=false",
            "loyalty.programs.generous.earn-points=10",
            "loyalty.programs.generous.earn-per-amount=2.00",
            "loyalty.programs.generous.redemption-factor=0.05",
            "loyalty.programs.generous.currency=EUR",
            "loyalty.programs.generous.points-name=Stars"
        })
class LedgerIT extends OnSharedEngines {

    @Autowired
    ItemLedger ledger;

    @Autowired
    ItemDispatch dispatch;

    @Autowired
    JdbcTemplate jdbc;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private ItemResult applyOne(ItemEnvelope item) {
        return LedgerOutcome.results(ledger.apply(List.of(item), dispatch::apply))
                .get(0);
    }

    private long available(String tenant, String customerId) {
        return jdbc.queryForObject(
                "SELECT available_points FROM customers WHERE tenant_id = ? AND customer_id = ?",
                Long.class,
                tenant,
                customerId);
    }

    private long ledgerSum(String tenant, String customerId) {
        return jdbc.queryForObject(
                "SELECT COALESCE(sum(points), 0) FROM points_ledger" + " WHERE tenant_id = ? AND customer_id = ?",
                Long.class,
                tenant,
                customerId);
    }

    @Test
    void orderEarnsFlooredPointsAndCreatesTheCustomer() {
        String customer = unique("o");
        Items items = Items.forNewJob("acme");

        ItemResult result = applyOne(items.order(customer, unique("order"), "125.99"));

        assertThat(result.successful()).isTrue();
        assertThat(result.message()).isEqualTo("Order tracked successfully");
        assertThat(result.payload()).containsEntry("rewardedPoints", 125L);
        assertThat(available("acme", customer)).isEqualTo(125);
        assertThat(ledgerSum("acme", customer)).isEqualTo(125);
    }

    @Test
    void repeatedOrderIdFailsWith9004InTheSameJobAndInALaterOne() {
        String customer = unique("o");
        String orderId = unique("order");
        Items first = Items.forNewJob("acme");

        List<ItemResult> results = LedgerOutcome.results(ledger.apply(
                List.of(first.order(customer, orderId, "10"), first.order(customer, orderId, "10")), dispatch::apply));
        ItemResult later = applyOne(Items.forNewJob("acme").order(customer, orderId, "10"));

        assertThat(results.get(0).successful()).isTrue();
        assertThat(results.get(1).code()).isEqualTo(ErrorCode.DUPLICATE_TRANSACTION);
        assertThat(results.get(1).message()).isEqualTo("Order ID Already Exists");
        assertThat(later.code()).isEqualTo(ErrorCode.DUPLICATE_TRANSACTION);
        assertThat(available("acme", customer)).isEqualTo(10);
    }

    @Test
    void withoutAutoCreateAnUnknownCustomerIs7000ForEveryKind() {
        Items items = Items.forNewJob("strict");
        String nobody = unique("nobody");

        List<ItemResult> results = LedgerOutcome.results(ledger.apply(
                List.of(
                        items.order(nobody, unique("o"), "10"),
                        items.cashback(nobody, unique("t"), "10"),
                        items.events(nobody, "login"),
                        items.inquiry(nobody),
                        items.adjust(nobody, 5),
                        items.redeemPoints(nobody, unique("r"), 1)),
                dispatch::apply));

        assertThat(results).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND);
            assertThat(r.message()).isEqualTo("Customer Not Found");
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customers WHERE customer_id = ?", Long.class, nobody))
                .isZero();
    }

    @Test
    void inquiryAdjustmentAndRedeemNeverCreateCustomers() {
        Items items = Items.forNewJob("acme");
        String nobody = unique("nobody");

        List<ItemResult> results = LedgerOutcome.results(ledger.apply(
                List.of(items.inquiry(nobody), items.adjust(nobody, 5), items.redeemPoints(nobody, unique("r"), 1)),
                dispatch::apply));

        assertThat(results).extracting(ItemResult::code).containsOnly(ErrorCode.CUSTOMER_NOT_FOUND);
    }

    @Test
    void cashbackEarnsOnItsAmountAndReportsItsLedgerReference() {
        String customer = unique("c");
        String transactionId = unique("cb");

        ItemResult result = applyOne(Items.forNewJob("generous").cashback(customer, transactionId, "9.99"));

        assertThat(result.message()).isEqualTo("Cashback rewarded successfully");
        assertThat(result.payload())
                .containsEntry("transactionId", transactionId)
                .containsEntry("rewardEquivalentPoints", 40L)
                .containsEntry("rewardAmount", new BigDecimal("2.00"));
        long reference = (Long) result.payload().get("transactionRef");
        assertThat(jdbc.queryForObject("SELECT points FROM points_ledger WHERE id = ?", Long.class, reference))
                .isEqualTo(40);
        assertThat(applyOne(Items.forNewJob("generous").cashback(customer, transactionId, "1"))
                        .code())
                .isEqualTo(ErrorCode.DUPLICATE_TRANSACTION);
    }

    @Test
    void redeemSpendsPointsOrTheirWorthRoundedUp() {
        String customer = unique("r");
        Items items = Items.forNewJob("acme");

        List<ItemResult> results = LedgerOutcome.results(
                ledger.apply(List.of(items.adjust(customer, 1), items.customer(customer)), dispatch::apply));
        assertThat(results.get(0).code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND);
        results = LedgerOutcome.results(ledger.apply(
                List.of(
                        items.adjust(customer, 100),
                        items.redeemPoints(customer, unique("r"), 30),
                        items.redeemAmount(customer, unique("r"), "0.205"),
                        items.redeemPoints(customer, unique("r"), 60)),
                dispatch::apply));

        assertThat(results.get(1).payload())
                .containsEntry("redeemEquivalentPoints", 30L)
                .containsEntry("redeemAmount", new BigDecimal("0.30"));
        assertThat(results.get(2).payload()).containsEntry("redeemEquivalentPoints", 21L);
        assertThat(results.get(3).code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(results.get(3).message()).isEqualTo("Insufficient Balance Points");
        assertThat(available("acme", customer)).isEqualTo(49);
        assertThat(ledgerSum("acme", customer)).isEqualTo(49);
    }

    @Test
    void adjustmentsMoveTheBalanceButNeverBelowZero() {
        String customer = unique("a");
        Items items = Items.forNewJob("acme");
        LedgerOutcome.results(ledger.apply(List.of(items.customer(customer)), dispatch::apply));

        List<ItemResult> results = LedgerOutcome.results(ledger.apply(
                List.of(items.adjust(customer, 50), items.adjust(customer, -20), items.adjust(customer, -31)),
                dispatch::apply));

        assertThat(results.get(0).payload()).containsEntry("points", 50L).containsEntry("availablePointsBalance", 50L);
        assertThat(results.get(1).payload()).containsEntry("points", -20L).containsEntry("availablePointsBalance", 30L);
        assertThat(results.get(2).code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(available("acme", customer)).isEqualTo(30);
    }

    @Test
    void balanceInquiryReportsPointsValueCurrencyAndPointsName() {
        String customer = unique("b");
        Items items = Items.forNewJob("generous");

        List<ItemResult> results = LedgerOutcome.results(ledger.apply(
                List.of(items.order(customer, unique("o"), "20.00"), items.inquiry(customer)), dispatch::apply));

        assertThat(results.get(1).message()).isEqualTo("Balance retrieved successfully");
        assertThat(results.get(1).payload())
                .containsEntry("totalPointsBalance", 100L)
                .containsEntry("availablePointsBalance", 100L)
                .containsEntry("pendingPoints", 0L)
                .containsEntry("totalPointsValue", new BigDecimal("5.00"))
                .containsEntry("availablePointsValue", new BigDecimal("5.00"))
                .containsEntry("pendingPointsValue", new BigDecimal("0.00"))
                .containsEntry("totalEarnedPoints", 100L)
                .containsEntry("currency", "EUR")
                .containsEntry("pointsName", "Stars");
    }

    @Test
    void eventsAreRecordedOneRowEach() {
        String customer = unique("e");

        ItemResult result = applyOne(Items.forNewJob("acme").events(customer, "login", "app_open"));

        assertThat(result.message()).isEqualTo("Events tracked successfully");
        assertThat(result.payload()).containsEntry("eventCount", 2);
        assertThat(jdbc.queryForList(
                        "SELECT name FROM customer_events WHERE customer_id = ? ORDER BY name", String.class, customer))
                .containsExactly("app_open", "login");
    }

    @Test
    void databaseRefusesANegativeBalanceWhateverTheCaller() {
        String customer = unique("guard");
        LedgerOutcome.results(ledger.apply(
                List.of(
                        Items.forNewJob("acme").adjust(customer, 1),
                        Items.forNewJob("acme").customer(customer)),
                dispatch::apply));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                        "UPDATE customers SET available_points = available_points - 1 WHERE customer_id = ?", customer))
                .hasMessageContaining("available_points_not_negative");
    }
}
