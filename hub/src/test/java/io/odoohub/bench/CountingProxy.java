package io.odoohub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a server that counts the bytes each way (HTTP headers included), so that
 * transports can be compared by what they put on the wire, whatever client they use.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    CountingProxy(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** The proxy's address, e.g. http://127.0.0.1:41234 */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Bytes the client sent to the server. */
    long sent() {
        return sent.get();
    }

    /** Bytes the server sent back. */
    long received() {
        return received.get();
    }

    long connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
                threads.execute(() -> pump(client, upstream, sent, done));
                threads.execute(() -> pump(upstream, client, received, done));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies one direction until its end, then passes the end on; the second direction to end closes both sockets. */
    private static void pump(Socket from, Socket to, AtomicLong counter, java.util.concurrent.atomic.AtomicInteger done) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                counter.addAndGet(n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side went away: end both directions
            closeQuietly(from);
            closeQuietly(to);
        }
        if (done.incrementAndGet() == 2) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
