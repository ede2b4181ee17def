package io.herald.config.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.commons.logging.Log;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a single-node Kafka broker (KRaft, broker and controller in one process) for Herald's default run,
 * before the application context exists, and publishes its address as {@code herald.kafka.bootstrap-servers}. The
 * broker starts on a thread of its own while the context is built; the context waits for it before its lifecycle
 * beans (Tomcat, Camel) start, and fails to start if the broker does.
 *
 * <p>Enabled by {@code herald.kafka.embedded.enabled}. The broker keeps its log in
 * {@code <herald.data-dir>/kafka}, so topics and offsets survive a restart. It listens on 127.0.0.1 only,
 * on {@code herald.kafka.embedded.port} (0 picks a free port).
 *
 * <p>One broker serves the whole JVM: if this post processor runs again (a bootstrap context, a second
 * application), the running broker is shared, and it stops when the last application using it closes. It
 * stops after every other lifecycle bean of the context (Camel included), so consumers can commit and leave
 * cleanly. A Spring Boot shutdown handler stops it at JVM exit if no context did.
 */
public class EmbeddedKafkaEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "heraldEmbeddedKafka";
    static final String BOOTSTRAP_SERVERS = "herald.kafka.bootstrap-servers";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final int NODE_ID = 1;

    private static final String LOOPBACK = "127.0.0.1";
    private static final List<String> KAFKA_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

    private static final Object LOCK = new Object();
    /** The broker this JVM shares, or null. Guarded by {@link #LOCK}. */
    private static SharedBroker shared;
    /** Guarded by {@link #LOCK}. */
    private static boolean shutdownHandlerRegistered;

    private final Log log;

    public EmbeddedKafkaEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedKafkaEnvironment.class);
    }

    /** After application.yaml and the profile files have been read. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("herald.kafka.embedded.enabled", Boolean.class, false)
                || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        Path logDir = Path.of(environment.getProperty("herald.data-dir", "./data"), "kafka")
                .toAbsolutePath().normalize();
        int port = environment.getProperty("herald.kafka.embedded.port", Integer.class, 0);

        Lease lease = acquire(logDir, port);
        environment.getPropertySources().addFirst(
                new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(BOOTSTRAP_SERVERS, lease.bootstrapServers())));
        application.addListeners(new ReleaseWithApplication(application, lease));
        if (!lease.logDir().equals(logDir)) {
            log.warn("Embedded Kafka broker already running in this JVM with its log in " + lease.logDir()
                    + "; sharing it instead of starting one in " + logDir);
        }
        log.info("Embedded Kafka broker starting on " + lease.bootstrapServers() + " (log in " + lease.logDir() + ")");
    }

    /** Takes a share of the JVM's broker, starting it if none runs. */
    static Lease acquire(Path logDir, int port) {
        synchronized (LOCK) {
            if (shared == null) {
                shared = new SharedBroker(starting(logDir, port));
                registerShutdownHandler();
            }
            shared.leases++;
            return new Lease(shared);
        }
    }

    private static void registerShutdownHandler() {
        if (!shutdownHandlerRegistered) {
            shutdownHandlerRegistered = true;
            SpringApplication.getShutdownHandlers().add(EmbeddedKafkaEnvironment::stopShared);
        }
    }

    private static void stopShared() {
        synchronized (LOCK) {
            if (shared != null) {
                shared.broker.close();
                shared = null;
            }
        }
    }

    /**
     * Formats {@code logDir} if it holds no {@code meta.properties} yet, then starts a broker on it and waits
     * until it accepts clients.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one
     */
    static EmbeddedBroker start(Path logDir, int port) {
        EmbeddedBroker broker = starting(logDir, port);
        broker.awaitStarted();
        return broker;
    }

    /**
     * Picks the broker's ports and returns at once; formatting and starting the broker run on a thread of their own,
     * so that the application context is built meanwhile (a few seconds of the default run's start on 2 cores).
     * {@link EmbeddedBroker#awaitStarted()} waits for it: the context does, before its first lifecycle bean starts.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one
     */
    static EmbeddedBroker starting(Path logDir, int port) {
        quietKafkaLogging();
        int brokerPort = port > 0 ? port : freePort();
        int controllerPort = freePort();
        CompletableFuture<KafkaRaftServer> server = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                server.complete(startServer(logDir, brokerPort, controllerPort));
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        }, "herald-embedded-kafka-start");
        starter.setDaemon(true);
        starter.start();
        return new EmbeddedBroker(server, logDir, LOOPBACK + ":" + brokerPort);
    }

    private static KafkaRaftServer startServer(Path logDir, int brokerPort, int controllerPort) {
        String dir = logDir.toString();
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(dir);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare the embedded Kafka log directory " + dir, e);
        }

        KafkaRaftServer server = new KafkaRaftServer(
                new KafkaConfig(brokerProperties(dir, brokerPort, controllerPort), false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("Could not start the embedded Kafka broker in " + dir
                    + " on port " + brokerPort + " (is another Herald using the same herald.data-dir?)", e);
        }
        return server;
    }

    /**
     * Writes {@code meta.properties} and the bootstrap metadata for a new single-node cluster, as
     * {@code kafka-storage.sh format} would.
     *
     * <p>Kafka's {@code Formatter} and {@code MetadataVersion} live in kafka-metadata and kafka-server-common,
     * which kafka_2.13 brings in runtime scope only, so they are called reflectively; the calls are exactly
     * {@code new Formatter().setPrintStream(..).setClusterId(..).setNodeId(1).setControllerListenerName(..)
     * .setMetadataLogDirectory(dir).setDirectories(List.of(dir))
     * .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).run()}.
     */
    private static void format(String dir) throws Exception {
        ClassLoader loader = EmbeddedKafkaEnvironment.class.getClassLoader();
        Class<?> formatterType = Class.forName("org.apache.kafka.metadata.storage.Formatter", true, loader);
        Class<?> versionType = Class.forName("org.apache.kafka.server.common.MetadataVersion", true, loader);
        Object formatter = formatterType.getConstructor().newInstance();
        formatterType.getMethod("setPrintStream", PrintStream.class)
                .invoke(formatter, new PrintStream(OutputStream.nullOutputStream()));
        formatterType.getMethod("setClusterId", String.class).invoke(formatter, Uuid.randomUuid().toString());
        formatterType.getMethod("setNodeId", int.class).invoke(formatter, NODE_ID);
        formatterType.getMethod("setControllerListenerName", String.class).invoke(formatter, CONTROLLER_LISTENER);
        formatterType.getMethod("setMetadataLogDirectory", String.class).invoke(formatter, dir);
        formatterType.getMethod("setDirectories", Collection.class).invoke(formatter, List.of(dir));
        formatterType.getMethod("setReleaseVersion", versionType)
                .invoke(formatter, versionType.getField("LATEST_PRODUCTION").get(null));
        try {
            formatterType.getMethod("run").invoke(formatter);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static Properties brokerProperties(String logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir);
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("num.partitions", "6");
        props.put("auto.create.topics.enable", "true");
        props.put("group.initial.rebalance.delay.ms", "0");
        // the compaction buffer defaults to 128 MiB of heap, far more than a local run needs: 2 MiB holds the keys of
        // about 87,000 committed offsets per cleaning pass of __consumer_offsets
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        // threads sized for a small machine (Kafka's defaults are 3, 8 and 10): every thread holds a stack and its
        // allocation buffers, and the default run's peak RSS counts them (docs/benchmarks.md, "Memory")
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        return props;
    }

    /**
     * Boot drops all logging until its logging system is initialised and then applies {@code logging.level.*};
     * this covers the broker when it runs outside a Spring Boot application (tests).
     */
    private static void quietKafkaLogging() {
        try {
            LoggingSystem logging = LoggingSystem.get(EmbeddedKafkaEnvironment.class.getClassLoader());
            KAFKA_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.WARN));
        } catch (RuntimeException e) {
            // no logging system we can steer: Kafka logs at whatever level is configured
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK, e);
        }
    }

    /** A broker, started or starting. */
    static final class EmbeddedBroker implements AutoCloseable {

        private final CompletableFuture<KafkaRaftServer> server;
        private final Path logDir;
        private final String bootstrapServers;
        private final AtomicBoolean closed = new AtomicBoolean();

        private EmbeddedBroker(CompletableFuture<KafkaRaftServer> server, Path logDir, String bootstrapServers) {
            this.server = server;
            this.logDir = logDir;
            this.bootstrapServers = bootstrapServers;
        }

        String bootstrapServers() {
            return bootstrapServers;
        }

        Path logDir() {
            return logDir;
        }

        /** Waits until the broker accepts clients; throws what stopped it from starting. */
        void awaitStarted() {
            try {
                server.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        /** Waits for a start still under way, then stops the broker. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                KafkaRaftServer started;
                try {
                    started = server.join();
                } catch (CompletionException e) {
                    return; // it never started, and cleaned up after itself
                }
                started.shutdown();
                started.awaitShutdown();
            }
        }
    }

    /** The JVM's broker and how many applications use it. Mutated under {@link #LOCK}. */
    private static final class SharedBroker {
        final EmbeddedBroker broker;
        int leases;

        SharedBroker(EmbeddedBroker broker) {
            this.broker = broker;
        }
    }

    /** One application's share of the broker; the last release stops it. */
    static final class Lease {

        private final SharedBroker shared;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(SharedBroker shared) {
            this.shared = shared;
        }

        String bootstrapServers() {
            return shared.broker.bootstrapServers();
        }

        Path logDir() {
            return shared.broker.logDir();
        }

        void awaitStarted() {
            shared.broker.awaitStarted();
        }

        boolean isReleased() {
            return released.get();
        }

        void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            synchronized (LOCK) {
                if (--shared.leases == 0) {
                    shared.broker.close();
                    if (EmbeddedKafkaEnvironment.shared == shared) {
                        EmbeddedKafkaEnvironment.shared = null;
                    }
                }
            }
        }
    }

    /**
     * Ties a lease to one application: registered in its context as a lifecycle bean that stops last, and
     * released at once if the application fails to start.
     */
    private static final class ReleaseWithApplication implements ApplicationListener<SpringApplicationEvent> {

        private final SpringApplication application;
        private final Lease lease;

        ReleaseWithApplication(SpringApplication application, Lease lease) {
            this.application = application;
            this.lease = lease;
        }

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event.getSpringApplication() != application) {
                return; // an event from another application, e.g. a child context's, reaching our listener
            }
            if (event instanceof ApplicationPreparedEvent prepared) {
                prepared.getApplicationContext().getBeanFactory()
                        .registerSingleton("heraldEmbeddedKafkaBroker", new BrokerLifecycle(lease));
            } else if (event instanceof ApplicationFailedEvent) {
                lease.release();
            }
        }
    }

    /**
     * Waits for the broker when its context starts, before every other lifecycle bean (Tomcat, Camel's routes), and
     * releases the lease when the context stops, after every other lifecycle bean.
     */
    private static final class BrokerLifecycle implements SmartLifecycle {

        private final Lease lease;
        private volatile boolean started;

        BrokerLifecycle(Lease lease) {
            this.lease = lease;
        }

        @Override
        public void start() {
            lease.awaitStarted();
            started = true;
        }

        @Override
        public void stop() {
            lease.release();
        }

        @Override
        public boolean isRunning() {
            return started && !lease.isReleased();
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
        }
    }
}
