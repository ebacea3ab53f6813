package io.loyaltybatch.gateway.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves every {@link IntegrationsApi} controller under the contract's prefixes. */
@Configuration(proxyBeanMethods = false)
class IntegrationsApiConfig implements WebMvcConfigurer {

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix(IntegrationsApi.PREFIX, HandlerTypePredicate.forAnnotation(IntegrationsApi.class));
    }
}
