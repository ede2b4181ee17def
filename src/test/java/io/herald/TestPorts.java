package io.herald;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test servers that are stopped and started again on the same port: a relay's outage, a broker's or a
 * database's restart, an instance killed and started again. They are chosen below Linux's ephemeral ports (32768 to
 * 60999), from which the kernel takes the local port of every outgoing connection. A port from that range could
 * become, while its server is down, the local port of one of the tests' own connections (Kafka, HTTP, JDBC), and no
 * server could bind it again. Each port is handed out once per JVM.
 */
public final class TestPorts {

    private static final int FIRST = 20_000;
    private static final int PAST_LAST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private TestPorts() {
    }

    /** A free loopback port below the ephemeral range, not handed out before. */
    public static int reusable() {
        for (int tries = 0; tries < 500; tries++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, PAST_LAST);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: another one
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + PAST_LAST);
    }
}
