package io.loyaltybatch.cli;

import io.loyaltybatch.cli.imports.ImportCommand;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code batchctl}: imports files as batch jobs and works with jobs. Exit codes: 0 done, 1 some rows or items failed,
 * 2 a usage or file error, 3 the API refused or could not be reached.
 */
@Command(
        name = "batchctl",
        mixinStandardHelpOptions = true,
        version = "batchctl 0.1.0",
        description = "Imports CSV, JSONL and JSON files as batch jobs; shows, waits for, stops, lists, exports and "
                + "retries jobs. Keys come from --apikey/--secretkey, LOYALTY_APIKEY/LOYALTY_SECRETKEY or the config "
                + "file, and are never printed. batchctl admin manages tenants with the admin token.",
        subcommands = {
            ImportCommand.class,
            JobCommands.Status.class,
            JobCommands.Wait.class,
            JobCommands.Stop.class,
            JobCommands.Jobs.class,
            JobCommands.Results.class,
            JobCommands.Retry.class,
            AdminCommands.class
        })
public final class Batchctl {

    public static final int ROWS_FAILED = 1;
    public static final int USAGE = 2;
    public static final int API = 3;

    /** What every command that talks to the API takes. */
    public static final class Connection {
        @Mixin
        ApiOptions api = new ApiOptions();

        @Option(
                names = "--retry-for",
                converter = Durations.class,
                defaultValue = "10m",
                description = "how long to keep trying when the API answers 429 or 503 or cannot be reached, "
                        + "e.g. 30s, 10m, 2h (default: ${DEFAULT-VALUE})")
        Duration retryFor;

        public ApiClient client(PrintWriter err) {
            return new ApiClient(api.settings(System.getenv()), retryFor, notice -> {
                err.println(notice);
                err.flush();
            });
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, or ISO-8601 ({@code PT10M}). */
    public static final class Durations implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher amount =
                    java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)").matcher(value);
            if (amount.matches()) {
                long count = Long.parseLong(amount.group(1));
                return switch (amount.group(2)) {
                    case "ms" -> Duration.ofMillis(count);
                    case "s" -> Duration.ofSeconds(count);
                    case "m" -> Duration.ofMinutes(count);
                    default -> Duration.ofHours(count);
                };
            }
            try {
                return Duration.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 30s, 10m, 2h)");
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line; the exit code. */
    public static int run(String[] args) {
        CommandLine line = new CommandLine(new Batchctl());
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (e instanceof UsageError) {
                err.println("batchctl: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof ApiError api) {
                err.println(api.status() == 0 ? "batchctl: " + api.getMessage() : "batchctl: the API answered " + api);
                return API;
            }
            err.println("batchctl: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return API;
        });
        return line.execute(args);
    }
}
