package io.loyaltybatch.gateway.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The jobs dashboard: static files under {@code /dashboard/} that call the public API with the keys the user signs in
 * with. Its pages load nothing but their own files, cannot be framed, and are never cached.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfig implements WebMvcConfigurer {

    static final String PATH = "/dashboard/";

    /** Scripts, styles and requests from this origin only; no inline script, no plug-in, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", PATH);
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> dashboardHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                        response.setHeader("X-Content-Type-Options", "nosniff");
                        response.setHeader("X-Frame-Options", "DENY");
                        response.setHeader("Referrer-Policy", "no-referrer");
                        response.setHeader("Cache-Control", "no-store");
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/dashboard", PATH + "*");
        registration.setName("dashboardHeaders");
        return registration;
    }
}
