package io.loyaltybatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A customer profile as carried by a {@code customers} item, normalised by the gateway. Null fields were omitted by
 * the client and keep their stored values; dates are ISO {@code YYYY-MM-DD}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerProfile(
        String displayName,
        String firstName,
        String lastName,
        String email,
        String mobile,
        String gender,
        String dateOfBirth,
        String joinDate,
        String country,
        String city,
        String preferredLanguage,
        String channel,
        Boolean guest,
        List<String> tags,
        Map<String, Object> custom)
        implements ItemPayload {}
