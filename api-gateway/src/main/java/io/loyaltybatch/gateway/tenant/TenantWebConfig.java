package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.gateway.api.IntegrationsApi;
import io.loyaltybatch.gateway.limit.RequestAdmission;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts tenant authentication in front of the API paths and lets controllers take a {@link Tenant} parameter. */
@Configuration(proxyBeanMethods = false)
class TenantWebConfig implements WebMvcConfigurer {

    private final TenantDirectory directory;
    private final RequestAdmission admission;

    TenantWebConfig(TenantDirectory directory, RequestAdmission admission) {
        this.directory = directory;
        this.admission = admission;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new TenantAuthInterceptor(directory, admission))
                .addPathPatterns(IntegrationsApi.ALL_PATHS);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Tenant.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mavContainer,
                    NativeWebRequest webRequest,
                    WebDataBinderFactory binderFactory) {
                Object tenant = webRequest.getAttribute(
                        TenantAuthInterceptor.TENANT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                if (tenant == null) {
                    throw new IllegalStateException("no authenticated tenant on this request");
                }
                return tenant;
            }
        });
    }
}
