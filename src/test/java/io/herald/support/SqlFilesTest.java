package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SqlFilesTest {

    @Test
    void aStatementLoadsOnAThreadWhoseContextClassLoaderDoesNotSeeHeraldsResources() throws Exception {
        // as on a thread the JDK made in the packaged jar, where the context class loader is the system one
        CompletableFuture<String> loaded = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                loaded.complete(new SqlFiles().get("notify/mark-notification-sent"));
            } catch (RuntimeException e) {
                loaded.completeExceptionally(e);
            }
        });
        thread.setContextClassLoader(new URLClassLoader(new URL[0], null));
        thread.start();

        assertThat(loaded.get(10, TimeUnit.SECONDS)).startsWith("UPDATE notification SET state = 'SENT'");
    }
}
