package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.BatchApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An item within the contract's bounds that the broker still refuses for its size (its record limit set below them)
 * is a 413 / 3011 for the request, never a 503 a client would retry for ever; no job is left behind.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "loyalty.items-topic.name=record-limit-it.items",
            "spring.kafka.producer.properties.max.request.size=20000"
        })
class BrokerRecordLimitIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void anItemOverTheBrokersRecordLimitIs413With3011AndLeavesNoJob() {
        String lines = ("{\"sku\": \"" + "s".repeat(240) + "\"}, ").repeat(99) + "{\"sku\": \"last\"}";
        String order =
                "{\"customerId\": \"big\", \"orderId\": \"o-big\", \"orderDate\": \"2026-11-01\", \"totalPaid\": 1,"
                        + " \"lineItems\": [" + lines + "]}";
        long jobsBefore = redis.keys("job:*:header").size();

        Response response = GatewayTestSupport.acme(port).submit("orders", "{\"body\": [" + order + "]}");

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(json(response).get("code").asInt()).isEqualTo(3011);
        assertThat(json(response).get("message").asString())
                .isEqualTo("An item is larger than the message broker accepts");
        assertThat(redis.keys("job:*:header")).hasSize((int) jobsBefore);
    }
}
