package io.loyaltybatch.localstack;

import java.io.IOException;
import java.net.ServerSocket;

/** Checks that fixed local ports are free before anything is started on them. */
final class Ports {

    private Ports() {}

    /**
     * Fails with a hint when {@code port} is taken, typically by a stack left over from an earlier run,
     * which would otherwise surface as a confusing bind error deep in a server log, or as a health check
     * answered by the wrong process.
     */
    static void ensureFree(int port, String what, String variable) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is already in use. Is an earlier local"
                    + " stack still running? Stop it, or choose another port with " + variable + ".");
        }
    }
}
