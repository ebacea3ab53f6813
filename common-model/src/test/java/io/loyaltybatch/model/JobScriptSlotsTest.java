package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every job script runs on one Redis Cluster slot: it names only the keys it is given, which share a hash tag. */
class JobScriptSlotsTest {

    private static final Pattern CALL = Pattern.compile("redis\\.call\\('(\\w+)',\\s*([^,)]+)");
    private static final Pattern KEY = Pattern.compile("KEYS\\[(\\d+|\\w+)]");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private static Map<JobScripts, JobScriptCalls.Call> oneCallOfEachScript(long jobId) {
        Map<JobScripts, JobScriptCalls.Call> calls = new EnumMap<>(JobScripts.class);
        Stream.of(
                        JobScriptCalls.createJob(jobId, "t", ItemType.CUSTOMERS, 3, NOW, DAY, DAY, List.of(), 9L),
                        JobScriptCalls.recordPositions(jobId, new ItemPositions("items", Map.of(0, 5L))),
                        JobScriptCalls.readJob(jobId, "t", JobScriptCalls.JobPart.RESULTS),
                        JobScriptCalls.keepForRetry(ItemEnvelope.of(
                                "t", jobId, 0, ItemType.BALANCE_INQUIRY, "c", new LedgerItems.BalanceInquiry())),
                        JobScriptCalls.linkRetry(jobId, "t", jobId + 1),
                        JobScriptCalls.recordDelivery(jobId, "{}", JobScriptCalls.DeliveryOutcome.SENT),
                        JobScriptCalls.claimStarts(jobId, "t", NOW),
                        JobScriptCalls.recordResults(
                                jobId, NOW, DAY, List.of(new JobScriptCalls.Result(0, true, "{}"))),
                        JobScriptCalls.endJob(jobId, "t", JobStatus.STOPPED, null, 0, NOW, DAY))
                .forEach(call -> calls.put(call.script(), call));
        return calls;
    }

    /** A literal index, or the upper bound of the loop {@code for v = 1, n do} that the variable runs over. */
    private static int highestIndex(String source, String index) {
        if (index.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(index);
        }
        Matcher loop = Pattern.compile("for " + index + " = \\d+, (\\d+) do").matcher(source);
        assertThat(loop.find()).as("a loop of %s over literal bounds", index).isTrue();
        return Integer.parseInt(loop.group(1));
    }

    @Test
    void eachScriptIsCalledWithKeysOfOneSlot() {
        for (long jobId : new long[] {1, 42, 1_000_003, Long.MAX_VALUE}) {
            Map<JobScripts, JobScriptCalls.Call> calls = oneCallOfEachScript(jobId);
            assertThat(calls.keySet()).containsExactlyInAnyOrder(JobScripts.values());
            calls.values()
                    .forEach(call -> assertThat(
                                    call.keys().stream().map(SlotHash::getSlot).distinct())
                            .as("%s of job %d", call.script(), jobId)
                            .hasSize(1));
        }
    }

    @Test
    void eachScriptTouchesOnlyTheKeysItIsGiven() {
        oneCallOfEachScript(7).forEach((script, call) -> {
            Matcher calls = CALL.matcher(script.source());
            int found = 0;
            while (calls.find()) {
                found++;
                Matcher key = KEY.matcher(calls.group(2).trim());
                assertThat(key.matches())
                        .as("%s: %s on %s", script, calls.group(1), calls.group(2))
                        .isTrue();
                assertThat(highestIndex(script.source(), key.group(1)))
                        .as("%s: %s", script, calls.group(0))
                        .isBetween(1, call.keys().size());
            }
            assertThat(found).as("%s calls Redis", script).isPositive();
        });
    }
}
