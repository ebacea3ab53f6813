package io.loyaltybatch.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the contract (docs/api-contract.md): the tenant's two key headers as security schemes on
 * the integrations paths, the admin token on {@code /admin}, and the error envelope as every operation's default
 * answer. Served at {@code /v3/api-docs}, with Swagger UI at {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    static {
        // resolved from the request by the tenant interceptor, never sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Tenant.class);
    }

    @Bean
    OpenAPI contract() {
        return new OpenAPI()
                .info(new Info()
                        .title("Loyalty Batch API")
                        .version("4.0")
                        .description(
                                "Batch jobs for loyalty programs, wire-compatible with the Gameball v4.0 batch "
                                        + "API. Every rule is in docs/api-contract.md; fields marked (ext) there are additions.")
                        .license(new License().name("Proprietary")))
                // the gateway that serves the document, whatever host and port it is reached at
                .servers(java.util.List.of(new Server().url("/").description("this gateway")))
                .components(new Components()
                        .addSecuritySchemes("apikey", header("apikey", "The tenant's public key"))
                        .addSecuritySchemes("secretkey", header("secretkey", "The tenant's secret key"))
                        .addSecuritySchemes(
                                "admin",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The operators' admin token")));
    }

    private static SecurityScheme header(String name, String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name(name)
                .description(description);
    }

    /** Each operation: who may call it, and the error envelope for every refusal. */
    @Bean
    OpenApiCustomizer keysAndErrors() {
        return openApi -> {
            ModelConverters.getInstance()
                    .read(ErrorEnvelope.class)
                    .forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
            ApiResponse refusal = new ApiResponse()
                    .description("A refusal: the contract's error envelope (section 2)")
                    .content(new Content()
                            .addMediaType(
                                    "application/json",
                                    new MediaType()
                                            .schema(new Schema<>()
                                                    .$ref("#/components/schemas/"
                                                            + ErrorEnvelope.class.getSimpleName()))));
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        operation.getResponses().addApiResponse("default", refusal);
                        operation.setSecurity(
                                path.startsWith("/admin")
                                        ? List.of(new SecurityRequirement().addList("admin"))
                                        : List.of(new SecurityRequirement()
                                                .addList("apikey")
                                                .addList("secretkey")));
                    }));
        };
    }

    /**
     * A property that may be null and refers to a component ({@code types = {"object", "null"}} on a record's
     * field): JSON Schema applies a {@code $ref} next to {@code type}, so null would still have to match the
     * component. It is written as one of the component and null instead.
     */
    @Bean
    @SuppressWarnings("rawtypes") // swagger-models' own signature
    OpenApiCustomizer nullableReferences() {
        return openApi -> {
            for (Schema<?> component : openApi.getComponents().getSchemas().values()) {
                Map<String, Schema> properties = component.getProperties();
                if (properties != null) {
                    properties.replaceAll((name, property) -> nullableReference(property));
                }
            }
        };
    }

    private static Schema<?> nullableReference(Schema<?> property) {
        if (property.get$ref() == null
                || property.getTypes() == null
                || !property.getTypes().contains("null")) {
            return property;
        }
        return new Schema<>()
                .oneOf(List.of(new Schema<>().$ref(property.get$ref()), new Schema<>().types(Set.of("null"))));
    }

    /**
     * Marks as required, in these records' component schemas, every field Jackson always writes (all but those
     * written only when set, {@code @JsonInclude(NON_NULL)}), so that an answer missing one breaks its schema.
     */
    public static OpenApiCustomizer writtenFieldsRequired(Class<?>... records) {
        return openApi -> {
            for (Class<?> record : records) {
                Schema<?> schema = openApi.getComponents().getSchemas().get(record.getSimpleName());
                if (schema == null) {
                    throw new IllegalStateException("no component schema " + record.getSimpleName());
                }
                schema.setRequired(Arrays.stream(record.getRecordComponents())
                        .filter(component -> {
                            JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
                            return include == null || include.value() != JsonInclude.Include.NON_NULL;
                        })
                        .map(RecordComponent::getName)
                        .sorted()
                        .toList());
            }
        };
    }

    @Bean
    OpenApiCustomizer errorFieldsRequired() {
        return writtenFieldsRequired(ErrorEnvelope.class);
    }
}
