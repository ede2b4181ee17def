package io.herald.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM the fault run starts, with its output in a log file; it can be stopped (SIGTERM) or killed (-9). */
final class JavaProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    JavaProcess(String name, List<String> jvmAndArgs, Path log) {
        this.name = name;
        this.command = new ArrayList<>();
        this.command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.command.addAll(jvmAndArgs);
        this.log = log;
    }

    void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Fails with the end of the log when the process has died. */
    void assertAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running; the end of its log (" + log + "):\n" + tail(40));
        }
    }

    /** kill -9: no shutdown hook, no flush, no commit. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, as an orchestrator stops a container; kill -9 if it does not end within {@code grace}. */
    void stop(Duration grace) {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(grace)) {
                kill();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }
}
