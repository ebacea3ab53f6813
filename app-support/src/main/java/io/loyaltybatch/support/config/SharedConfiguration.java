package io.loyaltybatch.support.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The configuration both applications read the same way; each imports it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    ItemsTopicProperties.class,
    JobsProperties.class,
    ProgramProperties.class,
    TenantCacheProperties.class
})
public class SharedConfiguration {}
