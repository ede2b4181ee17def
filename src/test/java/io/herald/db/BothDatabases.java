package io.herald.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A real PostgreSQL (zonky's embedded binaries) and an H2 in memory, not yet migrated, for tests that run Herald's
 * SQL on both vendors without a Spring context. Close it after the class.
 */
public final class BothDatabases implements AutoCloseable {

    /** One database under test. */
    public record Database(String name, String vendor, DataSource dataSource) {

        /** Applies Herald's migrations up to and including {@code target}, or all of them when it is null. */
        public Database migrate(String target) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/" + vendor)
                    .target(target == null ? MigrationVersion.LATEST : MigrationVersion.fromVersion(target))
                    .load().migrate();
            return this;
        }

        public NamedParameterJdbcTemplate jdbc() {
            return new NamedParameterJdbcTemplate(dataSource);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final EmbeddedPostgres postgres;
    private final List<Database> all;

    private BothDatabases(EmbeddedPostgres postgres, List<Database> all) {
        this.postgres = postgres;
        this.all = all;
    }

    public static BothDatabases start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:herald-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("herald");
        return new BothDatabases(postgres, List.of(new Database("PostgreSQL", "postgresql",
                postgres.getPostgresDatabase()), new Database("H2", "h2", h2)));
    }

    public List<Database> all() {
        return all;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
