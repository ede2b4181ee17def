package io.herald.bench;

import io.herald.HeraldApplication;
import io.herald.bench.BenchmarkSettings.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The Herald applications of a benchmark run, in this JVM, and the embedded PostgreSQL they share when the run asks
 * for one. The first instance is the default run with its embedded broker and mail sink; every further one is started
 * against the first one's broker, mail sink and database, so that it joins the same consumer groups.
 */
final class HeraldInstances implements AutoCloseable {

    /** The file in which the default run keeps its link secret (io.herald.links.LinkSecret). */
    private static final String LINK_SECRET = "link-secret";
    /** PostgreSQL's data folder in the benchmark's. */
    private static final String POSTGRES = "postgres";

    private final EmbeddedPostgres postgres;
    /** PostgreSQL's data folder, where its postmaster.pid is; null on H2. */
    private final Path postgresData;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<List<String>> ownOverrides = new ArrayList<>();
    private List<String> sharedArgs = List.of();

    private HeraldInstances(EmbeddedPostgres postgres, Path postgresData) {
        this.postgres = postgres;
        this.postgresData = postgres == null ? null : postgresData;
    }

    /**
     * Starts the database the settings name (none for H2, whose file the default run opens itself) and
     * {@code settings.instances()} Herald applications on it.
     *
     * @param appArgs     the first instance's Spring Boot arguments, which the others share
     * @param initializer added to every application's context
     */
    static HeraldInstances start(BenchmarkSettings settings, Path dataDir, List<String> appArgs,
                                 ApplicationContextInitializer<ConfigurableApplicationContext> initializer)
            throws IOException {
        HeraldInstances instances = new HeraldInstances(
                settings.database() == Database.POSTGRESQL ? startPostgres(dataDir) : null, dataDir.resolve(POSTGRES));
        try {
            List<String> shared = new ArrayList<>(appArgs);
            if (instances.postgres != null) {
                List<String> datasource = List.of(
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + instances.postgres.getPort()
                                + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=");
                shared = withOverrides(shared, datasource);
            }
            instances.sharedArgs = shared;
            instances.ownOverrides.add(List.of());
            instances.contexts.add(run(shared, initializer));
            for (int i = 2; i <= settings.instances(); i++) {
                List<String> own = joining(instances.contexts.get(0).getEnvironment(), dataDir, i);
                instances.ownOverrides.add(own);
                instances.contexts.add(run(withOverrides(shared, own), initializer));
            }
            return instances;
        } catch (RuntimeException | IOException e) {
            instances.close();
            throw e;
        }
    }

    /**
     * PostgreSQL from zonky's embedded binaries, its data and log in the benchmark's folder. zonky turns
     * {@code synchronous_commit} off by default; the benchmark turns it back on, PostgreSQL's own default, so that a
     * commit is on disk before Herald goes on, as in production.
     */
    private static EmbeddedPostgres startPostgres(Path dataDir) throws IOException {
        Path folder = dataDir.resolve(POSTGRES);
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile());
        return EmbeddedPostgres.builder().setDataDirectory(folder).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(log).setErrorRedirector(log).start();
    }

    /**
     * What instance {@code i} sets apart from the first: a data folder of its own (with the first one's link secret,
     * so its links are the same), the first one's broker and mail sink instead of starting its own, and MBean names of
     * its own.
     */
    private static List<String> joining(Environment first, Path dataDir, int i) throws IOException {
        Path own = Files.createDirectories(dataDir.resolve("herald-" + i));
        Path secret = Path.of(first.getRequiredProperty("herald.data-dir")).resolve(LINK_SECRET);
        if (Files.exists(secret)) {
            Files.copy(secret, own.resolve(LINK_SECRET));
        }
        return List.of(
                "--herald.data-dir=" + own,
                "--herald.kafka.embedded.enabled=false",
                "--herald.kafka.bootstrap-servers=" + first.getRequiredProperty("herald.kafka.bootstrap-servers"),
                "--herald.mail.local-sink.enabled=false",
                "--herald.mail.local-sink.port=" + first.getRequiredProperty("herald.mail.local-sink.port"),
                // Spring exports beans such as the connection pool to the JVM's one MBean server under names that
                // would clash with the first instance's
                "--spring.jmx.unique-names=true");
    }

    /**
     * {@code args} with every {@code --key=value} whose key {@code overrides} sets replaced by it: Spring Boot joins
     * the values of a key given twice with a comma instead of taking the last.
     */
    static List<String> withOverrides(List<String> args, List<String> overrides) {
        Set<String> keys = overrides.stream().map(HeraldInstances::key).collect(Collectors.toSet());
        return Stream.concat(args.stream().filter(a -> !keys.contains(key(a))), overrides.stream()).toList();
    }

    private static String key(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    private static ConfigurableApplicationContext run(List<String> args,
                                                      ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        return new SpringApplicationBuilder(HeraldApplication.class).initializers(initializer)
                .run(args.toArray(String[]::new));
    }

    List<ConfigurableApplicationContext> contexts() {
        return contexts;
    }

    /** The Spring Boot arguments of the first instance, which the others share. */
    List<String> sharedArgs() {
        return sharedArgs;
    }

    /** The arguments instance {@code index} (0 is the first) has beyond the shared ones. */
    List<String> ownOverrides(int index) {
        return ownOverrides.get(index);
    }

    /** "H2 (file)" or "PostgreSQL 15.x (embedded)". */
    String databaseDescription(String version) {
        return postgres == null ? "H2 in file mode (the default run's)"
                : "PostgreSQL " + version + " (zonky embedded, synchronous_commit=on)";
    }

    boolean onPostgres() {
        return postgres != null;
    }

    /** The CPU time PostgreSQL's processes have used so far, in ns; -1 on H2, or when it cannot be read. */
    long databaseCpuNanos() {
        return postgresData == null ? -1 : BenchmarkProbes.postgresCpuNanos(postgresData);
    }

    /** Stops the later instances first and the first one, which holds the broker, last; then PostgreSQL. */
    @Override
    public void close() throws IOException {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
        contexts.clear();
        if (postgres != null) {
            postgres.close();
        }
    }
}
