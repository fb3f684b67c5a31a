package com.brighthub.bulkimport.systemtests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers the tests start, taken below the kernel's ephemeral range.
 *
 * <p>A port the kernel hands out for {@code bind(0)} is also one it hands out as the local end of an
 * outgoing connection. Between the moment a test picks such a port and the moment its server binds it –
 * seconds, while the broker, the database and the other services start – any Kafka, JDBC or HTTP
 * client on the machine may take it, and the server then fails to start with "address already in use".
 * Below {@code net.ipv4.ip_local_port_range} no outgoing connection ever takes a port, and each port is
 * handed out once per test run.
 */
final class FreePorts {

    private static final Set<Integer> GIVEN = new HashSet<>();
    private static final int LOWEST = 10_000;

    private FreePorts() {
    }

    /** A port nothing listens on now, outside the ephemeral range, not given before in this JVM. */
    static synchronized int next() {
        int[] range = ephemeralRange();
        boolean below = range[0] - LOWEST >= 1_000;
        int from = below ? LOWEST : range[1] + 1;
        int to = below ? range[0] : 65_536;
        for (int tries = 0; tries < 1_000; tries++) {
            int port = ThreadLocalRandom.current().nextInt(from, to);
            if (!GIVEN.contains(port) && bindable(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + from + " and " + to);
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's range for the local ends of outgoing connections (Linux's default where unreadable). */
    private static int[] ephemeralRange() {
        Path file = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            String[] parts = Files.readString(file).strip().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999};
        }
    }
}
