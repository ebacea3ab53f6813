package io.loyaltybatch.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The request bodies of the benchmark, built before the clock starts. Customers: 1,000 new profiles per job. The
 * ledger mix: rounds of six jobs over the same 1,000 customers (orders, which create them, then cashback, an
 * adjustment, a redemption, events and a balance inquiry), submitted in that order by one client, so each job finds
 * the effects of the one before it.
 */
final class Workload {

    static final int ITEMS = 1000;

    /** One request: the item type and the JSON body. */
    record Request(String type, String body) {}

    private Workload() {}

    static Request customers(String run, int job) {
        String body = IntStream.range(0, ITEMS)
                .mapToObj(i -> String.format(
                        Locale.ROOT,
                        "{\"customerId\":\"c-%s-%d-%d\",\"email\":\"u%d.%d@example.com\",\"displayName\":\"User %d\","
                                + "\"customerAttributes\":{\"country\":\"EG\",\"channel\":\"web\"}}",
                        run,
                        job,
                        i,
                        job,
                        i,
                        i))
                .collect(Collectors.joining(",", "{\"body\":[", "]}"));
        return new Request("customers", body);
    }

    /** The six jobs of round {@code round}, in the order they must be submitted. */
    static List<Request> ledgerRound(String run, int round) {
        String prefix = "m-" + run + "-" + round + "-";
        return List.of(
                new Request(
                        "orders",
                        items(i -> String.format(
                                Locale.ROOT,
                                "{\"customerId\":\"%s%d\",\"orderId\":\"o-%s%d\",\"orderDate\":\"2026-11-30T09:15:00Z\","
                                        + "\"totalPaid\":%d.50,\"lineItems\":[{\"sku\":\"tea\",\"quantity\":2}]}",
                                prefix,
                                i,
                                prefix,
                                i,
                                20 + i % 100))),
                new Request(
                        "cashback",
                        items(i -> String.format(
                                Locale.ROOT,
                                "{\"customerId\":\"%s%d\",\"transactionId\":\"cb-%s%d\","
                                        + "\"transactionTime\":\"2026-11-30T09:20:00Z\",\"amount\":10.00}",
                                prefix,
                                i,
                                prefix,
                                i))),
                new Request(
                        "balance-adjustment",
                        items(i -> String.format(
                                Locale.ROOT,
                                "{\"customerId\":\"%s%d\",\"amount\":15,\"reason\":\"bench\"}",
                                prefix,
                                i))),
                new Request(
                        "redeem",
                        items(i -> String.format(
                                Locale.ROOT,
                                "{\"customerId\":\"%s%d\",\"transactionId\":\"rd-%s%d\","
                                        + "\"transactionTime\":\"2026-11-30T09:30:00Z\",\"points\":5}",
                                prefix,
                                i,
                                prefix,
                                i))),
                new Request(
                        "events",
                        items(i -> String.format(
                                Locale.ROOT,
                                "{\"customerId\":\"%s%d\",\"events\":{\"app_open\":{\"platform\":\"ios\"}}}",
                                prefix,
                                i))),
                new Request(
                        "balance-inquiry",
                        items(i -> String.format(Locale.ROOT, "{\"customerId\":\"%s%d\"}", prefix, i))));
    }

    private static String items(java.util.function.IntFunction<String> item) {
        return IntStream.range(0, ITEMS).mapToObj(item).collect(Collectors.joining(",", "{\"body\":[", "]}"));
    }
}
