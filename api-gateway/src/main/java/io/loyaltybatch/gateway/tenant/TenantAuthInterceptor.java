package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.gateway.limit.RequestAdmission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every API request from its {@code apikey} and {@code secretkey} headers (names case-insensitive), then
 * takes it from the tenant's request rate.
 */
class TenantAuthInterceptor implements HandlerInterceptor {

    static final String TENANT_ATTRIBUTE = Tenant.class.getName();

    private final TenantDirectory directory;
    private final RequestAdmission admission;

    TenantAuthInterceptor(TenantDirectory directory, RequestAdmission admission) {
        this.directory = directory;
        this.admission = admission;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Tenant tenant = directory.authenticate(request.getHeader("apikey"), request.getHeader("secretkey"));
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        MDC.put("tenant", tenant.id());
        admission.admit(tenant, response);
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        MDC.remove("tenant");
    }
}
