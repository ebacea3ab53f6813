package io.loyaltybatch.cli;

/** A mistake of the caller's (a flag, a file, a key) that ends the command with exit code 2 and its message only. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message, null, false, false);
    }
}
