package io.loyaltybatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** The commands about jobs that exist: each one request (or a few), its answer printed as JSON or lines. */
final class JobCommands {

    private JobCommands() {}

    /** What a job command shares: the connection and where to print. */
    abstract static class JobCommand implements Callable<Integer> {
        @Mixin
        Batchctl.Connection connection = new Batchctl.Connection();

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        ApiClient client() {
            return connection.client(spec.commandLine().getErr());
        }
    }

    /** A command about one job. */
    abstract static class OneJob extends JobCommand {
        @Parameters(paramLabel = "JOB", description = "the job id")
        long jobId;

        String path() {
            return ApiClient.PREFIX + "/batch/" + jobId;
        }
    }

    static boolean terminal(JsonNode job) {
        return List.of("completed", "failed", "stopped")
                .contains(job.get("status").asString());
    }

    @Command(name = "status", description = "Prints a job's status document.")
    static final class Status extends OneJob {
        @Override
        public Integer call() {
            out().println(client().get(path()).body());
            return 0;
        }
    }

    @Command(
            name = "wait",
            description = "Waits until a job has ended; prints its counters. Exit code 1 if any item failed.")
    static final class Wait extends OneJob {
        @Option(
                names = "--poll",
                converter = Batchctl.Durations.class,
                defaultValue = "1s",
                description = "longest time between looks (default: ${DEFAULT-VALUE}); the first ones come sooner, "
                        + "from 100ms on, doubling")
        Duration poll;

        @Override
        public Integer call() {
            ApiClient api = client();
            JsonNode job;
            // a job of a few items ends within milliseconds: look again soon, then less and less often
            Duration wait = Duration.ofMillis(100);
            while (!terminal(job = api.get(path()).json())) {
                ApiClient.sleep(wait.compareTo(poll) < 0 ? wait : poll);
                wait = wait.multipliedBy(2);
            }
            out().printf(
                            "job %d %s: %d item(s), %d succeeded, %d failed, %d cancelled%n",
                            jobId,
                            job.get("status").asString(),
                            job.get("itemCount").asInt(),
                            job.get("finishedCount").asInt(),
                            job.get("errorCount").asInt(),
                            job.get("cancelledCount").asInt());
            return job.get("errorCount").asInt() > 0 ? Batchctl.ROWS_FAILED : 0;
        }
    }

    @Command(name = "stop", description = "Stops a running job.")
    static final class Stop extends OneJob {
        @Override
        public Integer call() {
            out().println(client().delete(path()).body());
            return 0;
        }
    }

    @Command(name = "jobs", description = "Lists the tenant's jobs, newest first, one line each.")
    static final class Jobs extends JobCommand {
        @Option(names = "--status", description = "queued, running, completed, failed or stopped")
        String status;

        @Option(
                names = "--type",
                description = "customers, orders, balance-inquiry, balance-adjustment, cashback, redeem or events")
        String type;

        @Option(names = "--limit", description = "jobs to list at most (default: ${DEFAULT-VALUE})")
        int limit = 20;

        @Override
        public Integer call() {
            ApiClient api = client();
            String cursor = null;
            int listed = 0;
            do {
                List<String> query = new ArrayList<>();
                query.add("limit=" + Math.min(100, limit - listed));
                if (status != null) {
                    query.add("status=" + Query.encode(status));
                }
                if (type != null) {
                    query.add("type=" + Query.encode(type));
                }
                if (cursor != null) {
                    query.add("cursor=" + Query.encode(cursor));
                }
                JsonNode page = api.get(ApiClient.PREFIX + "/batch?" + String.join("&", query))
                        .json();
                for (JsonNode job : page.get("jobs")) {
                    out().printf(
                                    "%d\t%s\t%s\t%d/%d\t%d failed\t%s%n",
                                    job.get("jobId").asLong(),
                                    job.get("type").asString(),
                                    job.get("status").asString(),
                                    job.get("totalCount").asInt(),
                                    job.get("itemCount").asInt(),
                                    job.get("errorCount").asInt(),
                                    job.get("createdAt").asString());
                    listed++;
                }
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asString();
            } while (cursor != null && listed < limit);
            return 0;
        }
    }

    @Command(name = "results", description = "Writes a job's results, one line per item, as NDJSON or CSV.")
    static final class Results extends OneJob {
        @Option(names = "--failed", description = "only the failed items")
        boolean failed;

        @Option(names = "--successful", description = "only the successful items")
        boolean successful;

        @Option(names = "--format", description = "ndjson or csv (default: ${DEFAULT-VALUE})")
        String format = "ndjson";

        @Override
        public Integer call() {
            if (failed && successful) {
                throw new UsageError("--failed and --successful exclude each other");
            }
            String outcome = failed ? "&outcome=failed" : successful ? "&outcome=successful" : "";
            out().print(client().get(
                            ApiClient.PREFIX + "/batch/" + jobId + "/results?format=" + Query.encode(format) + outcome)
                    .body());
            out().flush();
            return 0;
        }
    }

    @Command(name = "retry", description = "Retries a job's items that failed with 5000 as a new job; prints its id.")
    static final class Retry extends OneJob {
        @Override
        public Integer call() {
            ApiClient.Answer answer =
                    client().post(ApiClient.PREFIX + "/batch/" + jobId + "/retry", new byte[0], java.util.Map.of());
            out().println(answer.json().get("jobId").asLong()
                    + (answer.header("Idempotent-Replayed").isPresent() ? " (the job's earlier retry)" : ""));
            return 0;
        }
    }
}
