package io.loyaltybatch.engines;

/**
 * A real server running as a separate OS process that tests and launchers can start, stop, kill and
 * restart on the same port and data.
 *
 * <p>{@link #close()} ends the server for good: it kills a server whose data lives in a temporary directory
 * (the data is about to be deleted anyway), stops a server with a persistent data directory gracefully,
 * then deletes the temporary directory, if any.
 */
public interface Engine extends AutoCloseable {

    /** Starts the server and waits until it accepts clients; does nothing when it is already running. */
    void start();

    /** Stops the server gracefully (SIGTERM or the server's own shutdown), waiting for the process to end. */
    void stop();

    /** Ends the server abruptly (SIGKILL where possible), as a crash would, keeping its data on disk. */
    void kill();

    /** Whether the server process is alive. */
    boolean isRunning();

    /** Stops the server gracefully and starts it again on the same port with the same data. */
    default void restart() {
        stop();
        start();
    }

    @Override
    void close();
}
