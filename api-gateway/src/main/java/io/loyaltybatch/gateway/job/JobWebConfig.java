package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.IntegrationsApi;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The job's id in the logging context of every request about a job ({@link JobLogContext}). */
@Configuration(proxyBeanMethods = false)
class JobWebConfig implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new JobLogContext()).addPathPatterns(IntegrationsApi.ALL_PATHS);
    }
}
