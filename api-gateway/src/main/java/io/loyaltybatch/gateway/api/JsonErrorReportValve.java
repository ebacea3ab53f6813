package io.loyaltybatch.gateway.api;

import io.loyaltybatch.model.ErrorCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's answer to requests it rejects before any application code runs (a malformed path, headers over the limit,
 * an unreadable {@code Content-Length}, TRACE): the contract's JSON envelope instead of Tomcat's HTML page. Tomcat
 * creates it by class name, so it stands alone.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = codeFor(status);
        String body = "{\"code\":" + code.code() + ",\"type\":\"" + code.type() + "\",\"message\":\""
                + messageFor(status) + "\",\"requestId\":\"" + UUID.randomUUID() + "\"}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more can be said
        }
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.BATCH_TOO_LARGE;
            case 503 -> ErrorCode.DEPENDENCY_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        };
    }

    static String messageFor(int status) {
        return switch (status) {
            case 404 -> "Resource not found";
            case 405 -> "Method not allowed";
            case 413 -> "The request is too large";
            default -> status >= 500 ? "Internal error" : "The HTTP request is malformed";
        };
    }
}
