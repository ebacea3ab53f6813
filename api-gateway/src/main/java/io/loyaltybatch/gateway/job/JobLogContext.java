package io.loyaltybatch.gateway.job;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Names the job a request is about in the logging context ({@code jobId}, beside the {@code tenant} and
 * {@code requestId} of every request), so each line about a job names it: from the path of a status read or a stop,
 * and from the submission once its id is allocated. A path value that is not a job id is never logged.
 */
final class JobLogContext implements HandlerInterceptor {

    static final String JOB_ID = "jobId";
    private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

    /** The job a submission just got its id for. */
    static void name(long jobId) {
        MDC.put(JOB_ID, Long.toString(jobId));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get(JOB_ID) instanceof String jobId
                && DIGITS.matcher(jobId).matches()) {
            MDC.put(JOB_ID, jobId);
        }
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        MDC.remove(JOB_ID);
    }
}
