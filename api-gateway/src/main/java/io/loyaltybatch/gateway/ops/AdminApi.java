package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.model.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
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
public class AdminApi implements WebMvcConfigurer {

    public static final String PREFIX = "/admin/v1";

    /** The request attribute that holds the name of the administrator who made the request. */
    public static final String ADMIN_ATTRIBUTE = AdminApi.class.getName() + ".admin";

    private final Map<String, byte[]> tokenDigests = new LinkedHashMap<>();

    AdminApi(OpsProperties properties) {
        String digest = properties.adminTokenSha256();
        if (digest != null && !digest.isBlank()) {
            tokenDigests.put("admin", HexFormat.of().parseHex(digest.trim()));
        }
        if (properties.adminTokens() != null) {
            properties
                    .adminTokens()
                    .forEach(
                            (name, hex) -> tokenDigests.put(name, HexFormat.of().parseHex(hex.trim())));
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        request.setAttribute(ADMIN_ATTRIBUTE, authenticate(request.getHeader("Authorization")));
                        return true;
                    }
                })
                .addPathPatterns(PREFIX + "/**");
    }

    /** The name of the administrator whose token this is; every token is compared, so the time tells no name. */
    private String authenticate(String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
        String admin = null;
        if (token != null) {
            byte[] digest = SecretDigest.sha256(token);
            for (Map.Entry<String, byte[]> known : tokenDigests.entrySet()) {
                if (MessageDigest.isEqual(digest, known.getValue()) && admin == null) {
                    admin = known.getKey();
                }
            }
        }
        if (admin == null) {
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED, ErrorCode.UNKNOWN_API_KEY, "Invalid or missing admin token");
        }
        return admin;
    }
}
