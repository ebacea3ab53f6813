package io.loyaltybatch.gateway.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error path, in place of Spring Boot's default body: errors raised outside any controller
 * (a filter, the container) render as the contract's envelope with their status. Asked for directly it is a 404.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
    ResponseEntity<ErrorEnvelope> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : 404;
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(
                        JsonErrorReportValve.codeFor(status),
                        JsonErrorReportValve.messageFor(status),
                        RequestIds.of(request)));
    }
}
