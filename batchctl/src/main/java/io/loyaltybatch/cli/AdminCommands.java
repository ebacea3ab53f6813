package io.loyaltybatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code batchctl admin ...}: the admin API's tenants (contract 9a) with the admin token, from {@code
 * LOYALTY_ADMIN_TOKEN} or the config file's {@code admintoken}, never from a flag. Each command prints the answer's
 * JSON; a new secret is printed once, as the API answers it.
 */
@Command(
        name = "admin",
        description = "Creates tenants, sets their programs and limits, issues, rotates and revokes their key pairs, "
                + "and reads their audit log, with the admin token (LOYALTY_ADMIN_TOKEN or admintoken in the config "
                + "file).",
        subcommands = {
            AdminCommands.CreateTenant.class,
            AdminCommands.ShowTenant.class,
            AdminCommands.SetProgram.class,
            AdminCommands.SetLimits.class,
            AdminCommands.IssueKey.class,
            AdminCommands.RotateKey.class,
            AdminCommands.RevokeKey.class,
            AdminCommands.Audit.class
        })
final class AdminCommands implements Runnable {

    static final String PREFIX = "/admin/v1/tenants";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to do, e.g. batchctl admin tenant ID");
    }

    /** What every admin command shares: where the API is, the admin token, and where to print. */
    abstract static class AdminCommand implements Callable<Integer> {
        @Mixin
        ApiOptions api = new ApiOptions();

        @Spec
        CommandSpec spec;

        ApiClient client() {
            PrintWriter err = spec.commandLine().getErr();
            return new ApiClient(api.adminSettings(System.getenv()), Duration.ofMinutes(1), notice -> {
                err.println(notice);
                err.flush();
            });
        }

        int print(ApiClient.Answer answer) {
            spec.commandLine().getOut().println(answer.json().toPrettyString());
            return 0;
        }
    }

    /** A command about one tenant. */
    abstract static class OneTenant extends AdminCommand {
        @Parameters(index = "0", paramLabel = "TENANT", description = "the tenant id")
        String tenantId;

        String path() {
            return PREFIX + "/" + encoded(tenantId);
        }
    }

    @Command(name = "create-tenant", description = "Creates a tenant, with a program and limits if given.")
    static final class CreateTenant extends OneTenant {
        @Option(names = "--program", paramLabel = "JSON|@FILE", description = "the program's settings")
        String program;

        @Option(names = "--limits", paramLabel = "JSON|@FILE", description = "the tenant's own limits")
        String limits;

        @Override
        public Integer call() {
            StringBuilder body =
                    new StringBuilder("{\"tenantId\": ").append(ApiClient.JSON.writeValueAsString(tenantId));
            if (program != null) {
                body.append(", \"program\": ").append(json(program));
            }
            if (limits != null) {
                body.append(", \"limits\": ").append(json(limits));
            }
            return print(client().post(PREFIX, bytes(body.append('}').toString()), Map.of()));
        }
    }

    @Command(name = "tenant", description = "Shows a tenant: its limits, current program and key pairs (no secret).")
    static final class ShowTenant extends OneTenant {
        @Override
        public Integer call() {
            return print(client().get(path()));
        }
    }

    @Command(name = "set-program", description = "Writes the tenant's next program version; new jobs use it.")
    static final class SetProgram extends OneTenant {
        @Parameters(index = "1", paramLabel = "JSON|@FILE", description = "the program's settings")
        String program;

        @Override
        public Integer call() {
            return print(client().send("PUT", path() + "/program", bytes(json(program)), Map.of()));
        }
    }

    @Command(name = "set-limits", description = "Sets the tenant's own limits (a missing one takes the default).")
    static final class SetLimits extends OneTenant {
        @Parameters(index = "1", paramLabel = "JSON|@FILE", description = "the limits")
        String limits;

        @Override
        public Integer call() {
            return print(client().send("PUT", path() + "/limits", bytes(json(limits)), Map.of()));
        }
    }

    @Command(name = "issue-key", description = "Issues a key pair; prints its secret, this once.")
    static final class IssueKey extends OneTenant {
        @Override
        public Integer call() {
            return print(client().post(path() + "/keys", null, Map.of()));
        }
    }

    @Command(
            name = "rotate-key",
            description = "Gives the key a new secret (printed this once); the previous one works for --grace more.")
    static final class RotateKey extends OneTenant {
        @Parameters(index = "1", paramLabel = "APIKEY", description = "the key to rotate")
        String apiKey;

        @Option(
                names = "--grace",
                converter = Batchctl.Durations.class,
                defaultValue = "24h",
                description = "how long the previous secret stays valid, 0s to 720h (default: ${DEFAULT-VALUE})")
        Duration grace;

        @Override
        public Integer call() {
            String body = "{\"graceSeconds\": " + grace.toSeconds() + "}";
            return print(client().post(path() + "/keys/" + encoded(apiKey) + "/rotate", bytes(body), Map.of()));
        }
    }

    @Command(name = "revoke-key", description = "Revokes the key at once, its previous secret too.")
    static final class RevokeKey extends OneTenant {
        @Parameters(index = "1", paramLabel = "APIKEY", description = "the key to revoke")
        String apiKey;

        @Override
        public Integer call() {
            return print(client().delete(path() + "/keys/" + encoded(apiKey)));
        }
    }

    @Command(name = "audit", description = "Prints the tenant's audit records, newest first.")
    static final class Audit extends OneTenant {
        @Option(names = "--limit", description = "records at most, 1 to 1000 (default: ${DEFAULT-VALUE})")
        int limit = 100;

        @Override
        public Integer call() {
            return print(client().get(path() + "/audit?limit=" + limit));
        }
    }

    /** The JSON text of the argument, or of the file it names with a leading {@code @}; checked to be JSON. */
    static String json(String argument) {
        String text;
        if (argument.startsWith("@")) {
            try {
                text = Files.readString(Path.of(argument.substring(1)));
            } catch (IOException e) {
                throw new UsageError("cannot read " + argument.substring(1) + ": " + e.getMessage());
            }
        } else {
            text = argument;
        }
        try {
            JsonNode tree = ApiClient.JSON.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new UsageError("not a JSON object: " + argument);
            }
            return tree.toString();
        } catch (JacksonException e) {
            throw new UsageError("not JSON: " + argument);
        }
    }

    private static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
