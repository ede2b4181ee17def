package io.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Reads SQL statements from {@code classpath:sql/<feature>/<verb>-<object>.sql}, once each. */
@Component
public class SqlFiles {

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** The statement in {@code sql/<name>.sql}, for example {@code get("state/update-shipment")}. */
    public String get(String name) {
        return cache.computeIfAbsent(name, SqlFiles::load);
    }

    private static String load(String name) {
        // Herald's own class loader, not the thread's context class loader, which on a thread the JDK made may not
        // see Herald's resources in the packaged jar
        ClassPathResource resource = new ClassPathResource("sql/" + name + ".sql", SqlFiles.class.getClassLoader());
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("Missing SQL file sql/" + name + ".sql", e);
        }
    }
}
