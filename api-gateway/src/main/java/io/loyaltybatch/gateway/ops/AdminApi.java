package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.model.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HexFormat;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin API's door: every request under {@link #PREFIX} carries {@code Authorization: Bearer <admin token>},
 * checked against {@code loyalty.ops.admin-token-sha256}; anything else (no token, a wrong one, tenant keys, or no
 * admin token configured) is answered 401 / 1000 before any handler runs.
 */
@Configuration(proxyBeanMethods = false)
class AdminApi implements WebMvcConfigurer {

    static final String PREFIX = "/admin/v1";

    private final byte[] tokenDigest;

    AdminApi(OpsProperties properties) {
        String digest = properties.adminTokenSha256();
        this.tokenDigest =
                digest == null || digest.isBlank() ? null : HexFormat.of().parseHex(digest.trim());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        authenticate(request.getHeader("Authorization"));
                        return true;
                    }
                })
                .addPathPatterns(PREFIX + "/**");
    }

    private void authenticate(String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
        if (tokenDigest == null || token == null || !SecretDigest.matches(token, tokenDigest)) {
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED, ErrorCode.UNKNOWN_API_KEY, "Invalid or missing admin token");
        }
    }
}
