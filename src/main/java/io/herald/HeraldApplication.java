package io.herald;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Herald: turns order and shipment data into proactive customer notifications. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HeraldApplication {

    /**
     * Jakarta Mail looks its stream provider up for every body part, header block and multipart it makes; unnamed, that
     * is a ServiceLoader scan of every jar on the class path each time, which took 8 % of the CPU under load
     * (docs/benchmarks.md). Named by this system property, it is one class lookup. A value set on the command line
     * wins.
     */
    static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /**
     * H2 looks every string it is given up in a cache of recent ones, hashing and comparing it (a message's bodies
     * too), to share equal values: 4.6 % of the events consumer's CPU under load (docs/benchmarks.md), for values Herald
     * rarely repeats. Off, unless set on the command line. Read once, when H2's first class loads.
     */
    static final String H2_OBJECT_CACHE = "h2.objectCache";

    /**
     * The JDK's HTTP client hands every asynchronous answer (Twilio's, the push backend's) to CompletableFuture's
     * default executor before the caller's own (AsyncHttp). That executor is the common fork-join pool, or, where the
     * pool has fewer than two threads (its default is one less than the CPUs: a machine or container of 2 CPUs),
     * a new thread for every answer: 11,028 threads started in a benchmark run of 7,500 SMS to Twilio, 282 with two
     * (docs/benchmarks.md). Two threads there, unless set on the command line; more CPUs keep the JDK's default. Read
     * once, when the pool is first used.
     */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    static {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        if (System.getProperty(MAIL_STREAM_PROVIDER) == null) {
            System.setProperty(MAIL_STREAM_PROVIDER, MailStreamProvider.class.getName());
        }
        if (System.getProperty(H2_OBJECT_CACHE) == null) {
            System.setProperty(H2_OBJECT_CACHE, "false");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(HeraldApplication.class, args);
    }
}
