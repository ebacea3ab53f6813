package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.worker.item.ItemDispatch;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.ledger.LedgerOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Random sequences of earns, adjustments and redemptions (many of which must fail) for a few customers, applied in
 * random poll sizes, against a model that is a map of balances. Each seed is a reproducible case.
 */
@SpringBootTest(properties = "loyalty.items-topic.name=ledger-property-it.items")
class LedgerPropertyIT extends OnSharedEngines {

    private static final int OPERATIONS = 60;

    @Autowired
    ItemLedger ledger;

    @Autowired
    ItemDispatch dispatch;

    @Autowired
    JdbcTemplate jdbc;

    static Stream<Long> seeds() {
        return new Random(20261130L).longs(25).boxed();
    }

    /** An item and what the model expects of it: points to add (negative: to take), or a failure code. */
    private record Step(ItemEnvelope item, long delta, ErrorCode expectedFailure) {}

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ledgerMatchesTheModelAndNeverGoesNegative(long seed) {
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString();
        List<String> customers = List.of(run + "-a", run + "-b", run + "-c");
        Items items = Items.forNewJob("acme");
        Map<String, Long> model = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (String customer : customers) {
            steps.add(new Step(items.customer(customer), 0, null));
            model.put(customer, 0L);
        }
        for (int i = 0; i < OPERATIONS; i++) {
            String customer = customers.get(random.nextInt(customers.size()));
            steps.add(nextStep(random, items, customer, model, run + "-" + i));
        }

        Map<String, Long> expected = new HashMap<>();
        customers.forEach(c -> expected.put(c, 0L));
        int position = 0;
        while (position < steps.size()) {
            int size = 1 + random.nextInt(12);
            List<Step> poll = steps.subList(position, Math.min(steps.size(), position + size));
            List<ItemResult> results = LedgerOutcome.results(
                    ledger.apply(poll.stream().map(Step::item).toList(), dispatch::apply));
            for (int i = 0; i < poll.size(); i++) {
                ItemResult result = results.get(i);
                assertThat(result.code())
                        .as("seed %d, item %d: %s", seed, poll.get(i).item().index(), result.message())
                        .isEqualTo(poll.get(i).expectedFailure());
                expected.merge(poll.get(i).item().customerId(), poll.get(i).delta(), Long::sum);
            }
            for (String customer : customers) {
                assertThat(available(customer))
                        .as("seed %d", seed)
                        .isNotNegative()
                        .isEqualTo(expected.get(customer));
            }
            position += size;
        }
        for (String customer : customers) {
            assertThat(ledgerSum(customer))
                    .as("seed %d, ledger of %s", seed, customer)
                    .isEqualTo(model.get(customer));
        }
    }

    private static Step nextStep(Random random, Items items, String customer, Map<String, Long> model, String id) {
        long balance = model.get(customer);
        switch (random.nextInt(4)) {
            case 0 -> {
                int cents = random.nextInt(20_000);
                long points = cents / 100;
                model.put(customer, balance + points);
                return new Step(
                        items.order(customer, "o-" + id, cents / 100 + "." + String.format("%02d", cents % 100)),
                        points,
                        null);
            }
            case 1 -> {
                long amount = edgeOrRandom(random, balance, 150);
                amount = random.nextBoolean() ? -amount : Math.max(1, amount);
                if (balance + amount < 0) {
                    return new Step(items.adjust(customer, amount), 0, ErrorCode.INSUFFICIENT_BALANCE);
                }
                model.put(customer, balance + amount);
                return new Step(items.adjust(customer, amount), amount, null);
            }
            case 2 -> {
                long points = edgeOrRandom(random, balance, 150);
                if (points > balance) {
                    return new Step(items.redeemPoints(customer, "r-" + id, points), 0, ErrorCode.INSUFFICIENT_BALANCE);
                }
                model.put(customer, balance - points);
                return new Step(items.redeemPoints(customer, "r-" + id, points), -points, null);
            }
            default -> {
                int cents = random.nextInt(5_000);
                long points = cents / 100;
                model.put(customer, balance + points);
                return new Step(
                        items.cashback(customer, "c-" + id, cents / 100 + "." + String.format("%02d", cents % 100)),
                        points,
                        null);
            }
        }
    }

    /** Often exactly the balance or one more, where off-by-one mistakes live; otherwise 1 to {@code max}. */
    private static long edgeOrRandom(Random random, long balance, int max) {
        return switch (random.nextInt(4)) {
            case 0 -> Math.max(1, balance);
            case 1 -> balance + 1;
            default -> 1 + random.nextInt(max);
        };
    }

    @Test
    void twoWorkersSpendingTheSameBalanceAtOnceCannotOverdrawIt() {
        String customer = "race-" + UUID.randomUUID();
        LedgerOutcome.results(ledger.apply(List.of(Items.forNewJob("acme").customer(customer)), dispatch::apply));
        LedgerOutcome.results(ledger.apply(List.of(Items.forNewJob("acme").adjust(customer, 100)), dispatch::apply));

        for (int round = 0; round < 10; round++) {
            ItemEnvelope first = Items.forNewJob("acme").redeemPoints(customer, "race-a-" + round, 60);
            ItemEnvelope second = Items.forNewJob("acme").redeemPoints(customer, "race-b-" + round, 60);
            CompletableFuture<List<ItemResult>> a = CompletableFuture.supplyAsync(
                    () -> LedgerOutcome.results(ledger.apply(List.of(first), dispatch::apply)));
            CompletableFuture<List<ItemResult>> b = CompletableFuture.supplyAsync(
                    () -> LedgerOutcome.results(ledger.apply(List.of(second), dispatch::apply)));
            long succeeded = Stream.of(a.join().get(0), b.join().get(0))
                    .filter(ItemResult::successful)
                    .count();

            assertThat(succeeded).isEqualTo(1);
            assertThat(available(customer)).isEqualTo(40);
            LedgerOutcome.results(ledger.apply(List.of(Items.forNewJob("acme").adjust(customer, 60)), dispatch::apply));
        }
    }

    @Test
    void theSameItemAppliedByTwoWorkersAtOnceTakesEffectOnce() {
        String customer = "twice-" + UUID.randomUUID();
        LedgerOutcome.results(ledger.apply(List.of(Items.forNewJob("acme").customer(customer)), dispatch::apply));
        ItemEnvelope earn = Items.forNewJob("acme").adjust(customer, 70);

        CompletableFuture<List<ItemResult>> a = CompletableFuture.supplyAsync(
                () -> LedgerOutcome.results(ledger.apply(List.of(earn), dispatch::apply)));
        CompletableFuture<List<ItemResult>> b = CompletableFuture.supplyAsync(
                () -> LedgerOutcome.results(ledger.apply(List.of(earn), dispatch::apply)));

        assertThat(WireCodec.encode(a.join().get(0)))
                .isEqualTo(WireCodec.encode(b.join().get(0)));
        assertThat(available(customer)).isEqualTo(70);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM points_ledger WHERE customer_id = ?", Long.class, customer))
                .isEqualTo(1);
    }

    private long available(String customer) {
        return jdbc.queryForObject(
                "SELECT COALESCE((SELECT available_points FROM customers"
                        + " WHERE tenant_id = 'acme' AND customer_id = ?), 0)",
                Long.class,
                customer);
    }

    private long ledgerSum(String customer) {
        return jdbc.queryForObject(
                "SELECT COALESCE(sum(points), 0) FROM points_ledger" + " WHERE tenant_id = 'acme' AND customer_id = ?",
                Long.class,
                customer);
    }
}
