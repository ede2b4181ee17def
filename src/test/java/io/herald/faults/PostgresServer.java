package io.herald.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A real PostgreSQL (zonky's embedded binaries) on a fixed port and data folder, which the fault run restarts. */
final class PostgresServer {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    PostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() {
        try {
            // the server writes its log to a file: by default it writes to a pipe of pg_ctl's process, which Java
            // closes when pg_ctl exits, and the server died of SIGPIPE at its next log line after a restart
            ProcessBuilder.Redirect log =
                    ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile());
            server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setOutputRedirector(log).setErrorRedirector(log).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + dataDir, e);
        }
    }

    /** Stops PostgreSQL (a fast shutdown: open connections are cut) and starts it again on the same data. */
    void restart() {
        stop();
        start();
    }

    void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop PostgreSQL", e);
            }
            server = null;
        }
    }
}
