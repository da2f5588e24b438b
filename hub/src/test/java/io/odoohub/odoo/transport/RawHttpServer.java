package io.odoohub.odoo.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny HTTP server on a raw socket, loopback only, a thread per connection (at most {@value #MAX_CONNECTIONS}),
 * whose behaviour a test can swap at any time: it plays the hostile servers the transport must survive.
 */
final class RawHttpServer implements AutoCloseable {

    static final int MAX_CONNECTIONS = 8;

    /** What the server does with one connection once the request has been read (or not, see {@link #readRequest}). */
    interface Behaviour {
        void serve(Socket socket, Request request, RawHttpServer server) throws IOException;
    }

    record Request(String requestLine, String headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String path() {
            String[] parts = requestLine.split(" ");
            return parts.length > 1 ? parts[1] : "";
        }
    }

    private final ServerSocket serverSocket;
    private final ExecutorService threads;
    private final Thread acceptor;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Behaviour behaviour;
    private volatile boolean readRequest = true;

    RawHttpServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.serverSocket = new ServerSocket(0, MAX_CONNECTIONS, InetAddress.getLoopbackAddress());
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(MAX_CONNECTIONS, r -> {
            Thread t = new Thread(r, "raw-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort());
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void behave(Behaviour next) {
        this.behaviour = next;
    }

    /** False: the behaviour runs as soon as the connection is accepted, before anything was read. */
    void readRequest(boolean value) {
        this.readRequest = value;
    }

    List<Request> requests() {
        return requests;
    }

    long bytesWritten() {
        return bytesWritten.get();
    }

    int connections() {
        return connections.get();
    }

    /** Waits up to the given time unless the server stops first; true when it stopped. Paces slow behaviours. */
    boolean awaitStop(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Writes and counts what was written. */
    void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        bytesWritten.addAndGet(bytes.length);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                connections.incrementAndGet();
                open.add(s);
                threads.execute(() -> handle(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            Request request = readRequest ? read(s.getInputStream()) : null;
            if (request != null) {
                requests.add(request);
            }
            behaviour.serve(s, request, this);
        } catch (SocketException e) {
            // the client went away: expected for most hostile behaviours
        } catch (IOException e) {
            // same
        } finally {
            open.remove(s);
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the end of the headers");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (head.size() > 64 * 1024) {
                throw new IOException("headers too long");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        String requestLine = text.substring(0, eol);
        String headers = text.substring(eol + 2);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Request(requestLine, headers, body);
    }

    /** Stops accepting, cuts every connection and waits for the connection threads to end. */
    @Override
    public void close() throws IOException {
        stopped.countDown();
        serverSocket.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw HTTP server threads did not end");
            }
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- ready-made answers -------------------------------------------------------------------------------

    static byte[] head(int status, String reason, String contentType, long contentLength, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        if (contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (contentLength >= 0) {
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A complete answer with Content-Length. */
    static Behaviour answer(int status, String reason, String contentType, byte[] body, String... extraHeaders) {
        return (s, req, server) -> {
            OutputStream out = s.getOutputStream();
            server.write(out, head(status, reason, contentType, body.length, extraHeaders));
            server.write(out, body);
        };
    }

    static Behaviour xml(byte[] body) {
        return answer(200, "OK", "text/xml; charset=utf-8", body);
    }
}
