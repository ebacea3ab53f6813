package io.loyaltybatch.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the API is and the tenant's keys: from flags, else the environment ({@code LOYALTY_URL},
 * {@code LOYALTY_APIKEY}, {@code LOYALTY_SECRETKEY}), else a properties file ({@code url}, {@code apikey},
 * {@code secretkey}). The keys are never printed.
 */
public final class ApiOptions {

    static final Path DEFAULT_CONFIG =
            Path.of(System.getProperty("user.home"), ".config", "batchctl", "config.properties");

    @Option(
            names = "--url",
            description = "base URL of the API (default: LOYALTY_URL, the config file, or http://localhost:8080)")
    String url;

    @Option(names = "--apikey", description = "the tenant's apikey (default: LOYALTY_APIKEY or the config file)")
    String apiKey;

    @Option(
            names = "--secretkey",
            description = "the tenant's secretkey (default: LOYALTY_SECRETKEY or the config file); "
                    + "prefer the environment: a flag is visible to other users in the process list")
    String secretKey;

    @Option(
            names = "--config",
            description = "properties file with url, apikey and secretkey (default: ${DEFAULT-VALUE})")
    Path config = DEFAULT_CONFIG;

    /** The settings to use, each from the first place that has it. */
    public ApiClient.Settings settings(Map<String, String> environment) {
        Properties file = load();
        String base = first(url, environment.get("LOYALTY_URL"), file.getProperty("url"), "http://localhost:8080");
        String key = first(apiKey, environment.get("LOYALTY_APIKEY"), file.getProperty("apikey"), null);
        String secret = first(secretKey, environment.get("LOYALTY_SECRETKEY"), file.getProperty("secretkey"), null);
        if (key == null || secret == null) {
            throw new UsageError("no keys: set LOYALTY_APIKEY and LOYALTY_SECRETKEY, pass --apikey and --secretkey, "
                    + "or write them to " + config);
        }
        return new ApiClient.Settings(base.replaceAll("/+$", ""), key, secret);
    }

    private Properties load() {
        Properties file = new Properties();
        if (Files.isRegularFile(config)) {
            try (Reader reader = Files.newBufferedReader(config)) {
                file.load(reader);
            } catch (IOException e) {
                throw new UsageError("cannot read the config file " + config + ": " + e.getMessage());
            }
        } else if (!config.equals(DEFAULT_CONFIG)) {
            throw new UsageError("no config file " + config);
        }
        return file;
    }

    /**
     * Where the API is and the admin token: {@code LOYALTY_ADMIN_TOKEN}, else the config file's {@code admintoken}
     * (never a flag, which other users could read in the process list).
     */
    public ApiClient.Settings adminSettings(Map<String, String> environment) {
        Properties file = load();
        String base = first(url, environment.get("LOYALTY_URL"), file.getProperty("url"), "http://localhost:8080");
        String token = first(environment.get("LOYALTY_ADMIN_TOKEN"), file.getProperty("admintoken"), null);
        if (token == null) {
            throw new UsageError("no admin token: set LOYALTY_ADMIN_TOKEN or write admintoken to " + config);
        }
        return ApiClient.Settings.admin(base.replaceAll("/+$", ""), token);
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
