package io.loyaltybatch.cli;

/** An answer of the API that is not a success, with the contract's code and message; exit code 3. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final int code;

    public ApiError(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    @Override
    public String toString() {
        return "HTTP " + status + (code > 0 ? ", code " + code : "") + ": " + getMessage();
    }
}
