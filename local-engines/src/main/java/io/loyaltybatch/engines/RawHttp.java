package io.loyaltybatch.engines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: malformed request lines and headers, odd
 * {@code Content-Length} values, bodies that stop short or never end. The request bytes are written exactly as given,
 * while the response is read, as a client that keeps writing would.
 */
public final class RawHttp {

    /** What came back: status, headers (lower-case names) and body, or what went wrong reading it. */
    public record Reply(int status, Map<String, String> headers, String body, String failure) {

        public boolean answered() {
            return failure == null;
        }
    }

    private RawHttp() {}

    /**
     * Writes {@code head} and all of {@code body} to 127.0.0.1:{@code port} before reading anything, as most HTTP
     * clients do (Python's {@code http.client}, Node's {@code fetch}): if the server closes the connection before it
     * has taken the whole body, the write fails and the client never sees the answer.
     */
    public static Reply sendThenRead(int port, String head, byte[] body, Duration patience) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) patience.toMillis());
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                return new Reply(-1, Map.of(), "", "writing the request failed: " + e);
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code head} then {@code body} to 127.0.0.1:{@code port} while reading the reply, within
     * {@code patience}.
     */
    public static Reply exchange(int port, String head, byte[] body, Duration patience) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) patience.toMillis());
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                        out.write(body, offset, Math.min(64 * 1024, body.length - offset));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading: what matters is what it answered
                }
            });
            writer.setDaemon(true);
            writer.start();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply read(InputStream in) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            byte[] buffer = new byte[8192];
            int headEnd = -1;
            int contentLength = -1;
            boolean chunked = false;
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    contentLength = contentLength(text.substring(0, headEnd));
                    chunked =
                            text.substring(0, headEnd).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
                }
                boolean complete = headEnd >= 0
                        && (chunked
                                ? text.endsWith("0\r\n\r\n")
                                : contentLength >= 0 && received.size() >= headEnd + 4 + contentLength);
                if (complete) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            return received.size() == 0 ? new Reply(-1, Map.of(), "", "no answer in time") : parse(received);
        } catch (IOException e) {
            return new Reply(-1, Map.of(), received.toString(StandardCharsets.ISO_8859_1), e.toString());
        }
        return parse(received);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    private static Reply parse(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            return new Reply(-1, Map.of(), text, "not an HTTP response");
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(headEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Reply(Integer.parseInt(lines[0].substring(9, 12)), headers, body, null);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
