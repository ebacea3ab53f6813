package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.support.program.ProgramConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The programs of the database, as the workers read them too. */
@Configuration(proxyBeanMethods = false)
@Import(ProgramConfiguration.class)
class TenantConfig {}
