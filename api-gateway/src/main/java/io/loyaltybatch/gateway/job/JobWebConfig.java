package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.IntegrationsApi;
import io.loyaltybatch.gateway.api.OpenApiConfig;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The job's id in the logging context of every request about a job ({@link JobLogContext}), and the fields the job
 * documents always carry, required in their OpenAPI schemas.
 */
@Configuration(proxyBeanMethods = false)
class JobWebConfig implements WebMvcConfigurer {

    @Bean
    OpenApiCustomizer jobFieldsRequired() {
        return OpenApiConfig.writtenFieldsRequired(
                JobStatusView.class,
                JobStatusView.Response.class,
                JobSummaryView.class,
                JobListing.Page.class,
                BatchJobController.StopResponse.class);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new JobLogContext()).addPathPatterns(IntegrationsApi.ALL_PATHS);
    }
}
