package io.loyaltybatch.gateway.tenant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;

/** Authenticates every API request from its {@code apikey} and {@code secretkey} headers (names case-insensitive). */
class TenantAuthInterceptor implements HandlerInterceptor {

    static final String TENANT_ATTRIBUTE = Tenant.class.getName();

    private final TenantDirectory directory;

    TenantAuthInterceptor(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Tenant tenant = directory.authenticate(request.getHeader("apikey"), request.getHeader("secretkey"));
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        MDC.put("tenant", tenant.id());
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        MDC.remove("tenant");
    }
}
