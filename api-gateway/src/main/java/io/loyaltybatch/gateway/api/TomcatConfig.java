package io.loyaltybatch.gateway.api;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * The server side of the contract's "every error is the envelope": Tomcat's own rejections render as JSON, a request
 * body that stops arriving is given up after {@link HttpLimits#requestReadTimeout()}, and an oversized body is read
 * and discarded (up to {@link HttpLimits#discardedBodyLimit()}) so that its 413 reaches the client.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfig implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final HttpLimits limits;

    TomcatConfig(HttpLimits limits) {
        this.limits = limits;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty(
                    "connectionTimeout",
                    Long.toString(limits.requestReadTimeout().toMillis()));
            connector.setProperty("maxSwallowSize", Long.toString(limits.discardedBodyLimit()));
        });
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
