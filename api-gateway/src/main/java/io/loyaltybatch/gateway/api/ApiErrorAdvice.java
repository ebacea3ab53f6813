package io.loyaltybatch.gateway.api;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.RedactedFailure;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure of a request to the contract's error envelope: never a stack trace, never a 500 for bad input. */
@RestControllerAdvice
class ApiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorEnvelope> api(ApiException e, HttpServletRequest request) {
        if (e instanceof LimitExceededException limited) {
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
            limited.headers().forEach(answer::header);
            return answer.contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorEnvelope.of(e.code(), e.getMessage(), RequestIds.of(request)));
        }
        return envelope(e.status(), e.code(), e.getMessage(), request);
    }

    @ExceptionHandler(EngineUnavailableException.class)
    ResponseEntity<ErrorEnvelope> unavailable(EngineUnavailableException e, HttpServletRequest request) {
        log.warn("Answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(
                        ErrorCode.DEPENDENCY_UNAVAILABLE,
                        "The service is temporarily unavailable; nothing was changed. Retry later.",
                        RequestIds.of(request)));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ErrorEnvelope> tooLarge(RequestTooLargeException e, HttpServletRequest request) {
        return envelope(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.BATCH_TOO_LARGE, e.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorEnvelope> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return envelope(
                HttpStatus.BAD_REQUEST,
                ErrorCode.MALFORMED_BODY,
                "The request body must be a JSON object with a \"body\" array",
                request);
    }

    @ExceptionHandler({
        NoResourceFoundException.class,
        NoHandlerFoundException.class,
        MethodArgumentTypeMismatchException.class
    })
    ResponseEntity<ErrorEnvelope> notFound(Exception e, HttpServletRequest request) {
        return envelope(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "Resource not found", request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> methodNotAllowed(
            HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return envelope(
                HttpStatus.METHOD_NOT_ALLOWED,
                ErrorCode.NOT_FOUND,
                "Method " + e.getMethod() + " is not supported here",
                request);
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeException e, HttpServletRequest request) {
        return envelope(HttpStatus.BAD_REQUEST, ErrorCode.MALFORMED_BODY, "Unsupported media type", request);
    }

    /** A body that stopped arriving (the read timed out) or broke off. */
    @ExceptionHandler(IOException.class)
    ResponseEntity<ErrorEnvelope> unreadableBody(IOException e, HttpServletRequest request) {
        return envelope(
                HttpStatus.BAD_REQUEST, ErrorCode.MALFORMED_BODY, "The request body did not arrive in full", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorEnvelope> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse rejection && rejection.getStatusCode().is4xxClientError()) {
            int status = rejection.getStatusCode().value();
            return envelope(
                    HttpStatus.valueOf(status),
                    JsonErrorReportValve.codeFor(status),
                    JsonErrorReportValve.messageFor(status),
                    request);
        }
        log.error("Unexpected error", RedactedFailure.of(e));
        return envelope(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR, "Internal error", request);
    }

    private static ResponseEntity<ErrorEnvelope> envelope(
            HttpStatus status, ErrorCode code, String message, HttpServletRequest request) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(code, message, RequestIds.of(request)));
    }
}
