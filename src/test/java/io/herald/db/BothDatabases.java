package io.herald.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.herald.support.SqlFiles;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

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

        /**
         * The database's plan for Herald's statement {@code sql/<statement>.sql}, in lower case. PostgreSQL plans it
         * with sequential scans off: a test's small table is read whole whatever its indexes, and this asks whether
         * an index can serve the query at all, as it must once the table holds months of rows.
         */
        public String planOf(String statement, MapSqlParameterSource params) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                if (vendor.equals("postgresql")) {
                    connection.createStatement().execute("SET enable_seqscan = off");
                }
                NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(
                        new SingleConnectionDataSource(connection, true));
                return String.join("\n", jdbc.queryForList("EXPLAIN " + new SqlFiles().get(statement), params,
                        String.class)).toLowerCase(Locale.ROOT);
            }
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

    /**
     * Both databases for one test class, migrated to Herald's latest schema before its tests and closed after them:
     * {@code @RegisterExtension static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();}.
     */
    public static Migrated migrated() {
        return new Migrated();
    }

    /** The extension {@link #migrated()} gives. */
    public static final class Migrated implements BeforeAllCallback, AfterAllCallback {

        private BothDatabases databases;

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            databases = start();
            databases.all().forEach(database -> database.migrate(null));
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            databases.close();
        }

        public List<Database> all() {
            return databases.all();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
