package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.core.env.StandardEnvironment;

/**
 * The default run's settings as the real application.yaml (and application-prod.yaml) give them, with an environment
 * made up in the test in place of the process environment: H2 writes a commit before it returns, and a kill -9 right
 * after a commit loses nothing; the web server answers on loopback only unless SERVER_ADDRESS says otherwise.
 */
class DefaultRunSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultRunDatabaseHasWriteDelayZero() throws SQLException {
        assertThat(h2Setting("WRITE_DELAY")).isEqualTo("0");
    }

    /** H2's page cache is part of the default run's 200 MB heap: 8 MiB, not H2's 16 (docs/benchmarks.md). */
    @Test
    void defaultRunDatabaseKeepsAnEightMegabytePageCache() throws SQLException {
        assertThat(h2Setting("info.CACHE_MAX_SIZE")).as("MiB").isEqualTo("8");
    }

    /**
     * H2 compacts its file for up to 2 s when the database closes, when Herald stops: at H2's 200 ms a 1.1 GB file
     * (chunks kept half live by H2FileHousekeeping) did not shrink, at 2 s it went to 126 MB (docs/operations.md).
     */
    @Test
    void defaultRunDatabaseCompactsItsFileForTwoSecondsWhenItCloses() throws SQLException {
        assertThat(h2Setting("MAX_COMPACT_TIME")).as("ms").isEqualTo("2000");
    }

    @Test
    void commitSurvivesKillMinus9RightAfterIt() throws Exception {
        String url = defaultRunUrl();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitThenWait.class.getName(), url).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals(CommitThenWait.COMMITTED)) {
                lines.add(line);
            }
            assertThat(line).as("the child committed; its output: %s", lines).isEqualTo(CommitThenWait.COMMITTED);
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed, not exited").isNotZero();

        try (Connection db = DriverManager.getConnection(url, "herald", "");
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT NOTE FROM KILL_PROOF")) {
            assertThat(rows.next()).as("the acknowledged row is on disk").isTrue();
            assertThat(rows.getString(1)).isEqualTo(CommitThenWait.NOTE);
        }
    }

    @Test
    void defaultRunListensOnLoopbackOnly() throws Exception {
        InetAddress address = serverProperties(environment(Map.of())).getAddress();
        assertThat(address).isNotNull();
        assertThat(address.isLoopbackAddress()).isTrue();

        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        factory.setAddress(address);
        TomcatWebServer server = (TomcatWebServer) factory.getWebServer();
        server.start();
        try {
            int port = server.getPort();
            AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();
            assertThat(protocol.getAddress().isLoopbackAddress()).as("the bound address").isTrue();
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
            // where this machine has an interface beyond loopback, the port is closed on it
            Optional<InetAddress> outside = nonLoopbackAddress();
            if (outside.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket remote = new Socket()) {
                        remote.connect(new InetSocketAddress(outside.get(), port), 2000);
                    }
                }).isInstanceOf(ConnectException.class);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void serverAddressVariableOpensOtherInterfaces() {
        InetAddress address = serverProperties(environment(Map.of("SERVER_ADDRESS", "0.0.0.0"))).getAddress();
        assertThat(address.isAnyLocalAddress()).isTrue();
    }

    @Test
    void prodProfileListensOnAllInterfaces() {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addAfter("test", DefaultRunSettings.yaml("application-prod.yaml"));
        assertThat(serverProperties(environment).getAddress().isAnyLocalAddress()).isTrue();
    }

    /** A setting as H2 reports it in INFORMATION_SCHEMA.SETTINGS on the default run's URL. */
    private String h2Setting(String name) throws SQLException {
        try (Connection db = DriverManager.getConnection(defaultRunUrl(), "herald", "");
                PreparedStatement query = db.prepareStatement(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            query.setString(1, name);
            try (ResultSet setting = query.executeQuery()) {
                assertThat(setting.next()).as("H2 reports its %s", name).isTrue();
                return setting.getString(1);
            }
        }
    }

    private String defaultRunUrl() {
        String url = DefaultRunSettings.databaseUrl(dataDir);
        assertThat(url).startsWith("jdbc:h2:file:" + dataDir);
        return url;
    }

    private StandardEnvironment environment(Map<String, Object> variables) {
        return DefaultRunSettings.environment(dataDir, variables);
    }

    private static ServerProperties serverProperties(StandardEnvironment environment) {
        return Binder.get(environment).bind("server", ServerProperties.class).get();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        var interfaces = NetworkInterface.getNetworkInterfaces();
        while (interfaces.hasMoreElements()) {
            NetworkInterface candidate = interfaces.nextElement();
            if (!candidate.isUp() || candidate.isLoopback()) {
                continue;
            }
            var addresses = candidate.getInetAddresses();
            while (addresses.hasMoreElements()) {
                InetAddress address = addresses.nextElement();
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    /** The child JVM: opens the database on the URL given, commits one row, says so, and waits to be killed. */
    static final class CommitThenWait {

        static final String COMMITTED = "committed";
        static final String NOTE = "acknowledged before the kill";

        public static void main(String[] args) throws Exception {
            try (Connection db = DriverManager.getConnection(args[0], "herald", "");
                    Statement statement = db.createStatement()) {
                statement.execute("CREATE TABLE KILL_PROOF(NOTE VARCHAR(100))");
                statement.execute("INSERT INTO KILL_PROOF VALUES ('" + NOTE + "')");
                System.out.println(COMMITTED);
                System.out.flush();
                // blocks until the test kills this process; the connection is never closed
                System.in.read();
            }
        }
    }
}
