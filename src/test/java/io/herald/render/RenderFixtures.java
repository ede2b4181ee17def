package io.herald.render;

import io.herald.config.HeraldProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The render package's beans as Spring binds them, from a few settings, without a Spring context. */
public final class RenderFixtures {

    private RenderFixtures() {
    }

    /** The properties of {@code prefix}, bound from {@code settings} with every default that is not set there. */
    static <T> T bind(String prefix, Class<T> type, Map<String, String> settings) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        return binder.bindOrCreate(prefix, type);
    }

    static Brand brand(Map<String, String> settings) {
        return new Brand(bind("herald.brand", BrandProperties.class, settings),
                bind("herald", HeraldProperties.class, settings));
    }

    static MessageRenderer renderer(Map<String, String> settings) {
        try {
            Brand brand = brand(settings);
            TemplateRenderer templates = new TemplateRenderer(bind("herald", HeraldProperties.class, settings), brand);
            return new MessageRenderer(templates, brand, bind("herald.sms", SmsProperties.class, settings));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static MessageRenderer renderer() {
        return renderer(Map.of());
    }

    static Map<String, String> with(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }
}
