package io.herald.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Herald's own background work on a thread of its own. */
public final class Daemons {

    private Daemons() {
    }

    /**
     * Runs {@code task} on a daemon thread named {@code name}, first after {@code initialDelay}, then {@code period}
     * after each run ends. Shut the returned scheduler down to stop it.
     */
    public static ScheduledExecutorService every(String name, Duration initialDelay, Duration period, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
