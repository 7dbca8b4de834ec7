package org.ember.infra.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Every port of the loopback cluster, from one base (default 19100: away from Flink's 8081 and
 * Kafka's 9092, so a cluster can run beside a demo): REST base, JobManager RPC +1, blob +2,
 * Prometheus endpoints of the JobManager +10 and TaskManager i +11+i, broker i clients +20+i,
 * controllers +30+i.
 */
public record ClusterPorts(int base) {
    public static final int DEFAULT_BASE = 19100;

    public int rest() {
        return base;
    }

    public int jobManagerRpc() {
        return base + 1;
    }

    public int blob() {
        return base + 2;
    }

    public int jobManagerMetrics() {
        return base + 10;
    }

    public int taskManagerMetrics(int index) {
        return base + 11 + index;
    }

    public int brokerClient(int index) {
        return base + 20 + index;
    }

    public int brokerController(int index) {
        return base + 30 + index;
    }

    /** A base whose 40 ports are all free right now (for tests running beside other clusters). */
    public static ClusterPorts free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 19200 + (int) (Math.random() * 400) * 40 % 16000;
            if (allFree(base, 40)) {
                return new ClusterPorts(base);
            }
        }
        throw new IllegalStateException("no free block of 40 ports found above 19200");
    }

    public static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
