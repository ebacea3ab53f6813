package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.ops.AdminApi;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.model.WireCodec;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The admin API's tenants (ext): behind the admin token, never tenant keys (see {@link AdminApi}). */
@RestController
@RequestMapping(AdminApi.PREFIX + "/tenants")
class TenantAdminController {

    private final TenantAdministration administration;

    TenantAdminController(TenantAdministration administration) {
        this.administration = administration;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TenantStore.TenantView create(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        JsonNode tree = object(body, "tenantId", "program", "limits", "lane");
        JsonNode tenantId = tree.get("tenantId");
        JsonNode lane = tree.get("lane");
        if (lane != null && !lane.isString()) {
            throw TenantAdministration.invalid("lane must be a string");
        }
        return administration.create(
                tenantId != null && tenantId.isString() ? tenantId.asString() : null,
                optional(tree, "program", ProgramSettings.class),
                optional(tree, "limits", TenantLimits.class),
                lane == null ? null : lane.asString(),
                admin(request));
    }

    @GetMapping("/{tenantId}")
    TenantStore.TenantView find(@PathVariable String tenantId) {
        return administration.find(tenantId);
    }

    @PutMapping("/{tenantId}/program")
    TenantAdministration.ProgramVersion setProgram(
            @PathVariable String tenantId, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return administration.setProgram(tenantId, read(object(body), ProgramSettings.class), admin(request));
    }

    @PutMapping("/{tenantId}/limits")
    TenantLimits setLimits(
            @PathVariable String tenantId, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return administration.setLimits(tenantId, read(object(body), TenantLimits.class), admin(request));
    }

    @PostMapping("/{tenantId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    TenantAdministration.IssuedKey issueKey(@PathVariable String tenantId, HttpServletRequest request) {
        return administration.issueKey(tenantId, admin(request));
    }

    @PostMapping("/{tenantId}/keys/{apiKey}/rotate")
    TenantAdministration.IssuedKey rotateKey(
            @PathVariable String tenantId,
            @PathVariable String apiKey,
            @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        JsonNode grace = body == null || body.length == 0
                ? null
                : object(body, "graceSeconds").get("graceSeconds");
        if (grace != null && !(grace.isIntegralNumber() && grace.canConvertToLong())) {
            throw TenantAdministration.invalid("graceSeconds must be a whole number of seconds");
        }
        return administration.rotateKey(
                tenantId, apiKey, grace == null ? null : Duration.ofSeconds(grace.asLong()), admin(request));
    }

    @DeleteMapping("/{tenantId}/keys/{apiKey}")
    Map<String, Object> revokeKey(
            @PathVariable String tenantId, @PathVariable String apiKey, HttpServletRequest request) {
        administration.revokeKey(tenantId, apiKey, admin(request));
        return Map.of("tenantId", tenantId, "apiKey", apiKey, "revoked", true);
    }

    @GetMapping("/{tenantId}/audit")
    Map<String, List<TenantStore.AuditRecord>> audit(
            @PathVariable String tenantId, @RequestParam(defaultValue = "100") int limit) {
        return Map.of("records", administration.audit(tenantId, limit));
    }

    private static String admin(HttpServletRequest request) {
        return (String) request.getAttribute(AdminApi.ADMIN_ATTRIBUTE);
    }

    /** The body as a JSON object with none but the {@code known} fields. */
    private static JsonNode object(byte[] body, String... known) {
        JsonNode tree = object(body);
        for (String field : tree.propertyNames()) {
            if (!List.of(known).contains(field)) {
                throw unknownField(field);
            }
        }
        return tree;
    }

    private static ApiException unknownField(String field) {
        return TenantAdministration.invalid(
                "Unknown field '" + (field.length() > 64 ? field.substring(0, 64) + "..." : field) + "'");
    }

    private static JsonNode object(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : WireCodec.mapper().readTree(body);
        } catch (JacksonException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw TenantAdministration.invalid("The request body must be a JSON object");
        }
        return tree;
    }

    private static <T> T optional(JsonNode tree, String field, Class<T> type) {
        JsonNode value = tree.get(field);
        return value == null || value.isNull() ? null : read(value, type);
    }

    /** The value as the record; a wrong type or a value out of its range is 422 / 3003 with the record's rule. */
    private static <T> T read(JsonNode value, Class<T> type) {
        try {
            return WireCodec.mapper()
                    .readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(value);
        } catch (UnrecognizedPropertyException e) {
            throw unknownField(e.getPropertyName());
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            throw TenantAdministration.invalid(
                    cause instanceof IllegalArgumentException
                            ? cause.getMessage()
                            : "Unreadable " + type.getSimpleName());
        } catch (IllegalArgumentException e) {
            throw TenantAdministration.invalid(e.getMessage());
        }
    }
}
