package io.loyaltybatch.support.testing;

import io.loyaltybatch.engines.LocalEngines;
import java.net.URI;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link StringRedisTemplate} on the shared Redis server of the tests, without an application context: for the
 * contract suites that run a Redis adapter directly.
 */
public final class RedisTemplates implements AutoCloseable {

    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;

    private RedisTemplates(URI url) {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(url.getHost(), url.getPort()));
        factory.afterPropertiesSet();
        factory.start();
        template = new StringRedisTemplate(factory);
    }

    public static RedisTemplates toSharedEngine() {
        return new RedisTemplates(URI.create(LocalEngines.shared().redis().url()));
    }

    public StringRedisTemplate template() {
        return template;
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
