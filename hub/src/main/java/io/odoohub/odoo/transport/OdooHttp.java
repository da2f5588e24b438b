package io.odoohub.odoo.transport;

import io.odoohub.odoo.fault.OdooException;
import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.support.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP half of the Odoo transports (XML-RPC and JSON-2): one JDK {@link HttpClient} and calls with a hard
 * deadline ({@link TransportSettings#callDeadline()}) covering connect, send and the whole answer.
 *
 * <p>The calling thread never blocks in a socket read: it waits for the response headers and then for each piece of
 * the body with a timeout no longer than what is left of the deadline (and of the read timeout), and cancels the
 * exchange, which closes the connection, when time is up. A server that trickles one byte every two seconds
 * therefore fails at the deadline, not after it. (HttpURLConnection cannot promise that: its {@code disconnect()}
 * waits for the lock held by a blocked read.)
 *
 * <p>The body is handed to the transport's reader as it arrives, with one buffer of demand at a time; an answer
 * that declares more than {@link TransportSettings#maxResponseBytes()} is refused before it is read, and the
 * readers cap what they read. POSTs are never retried by the JDK client. Failures are
 * {@link OdooTransportException}s: retryable for I/O, timeouts and 429/502/503/504, permanent for an answer that
 * cannot be read. The secret is masked in every message, even when a server echoes it back.
 */
final class OdooHttp {

    private static final int ERROR_BODY_BYTES = 8 * 1024;
    private static final int SNIPPET_CHARS = 200;
    private static final String MASK = "***";
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern JDK_TRUNCATED = Pattern.compile("fixed content-length: (\\d+), bytes received: (\\d+)");

    private final TransportSettings settings;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    OdooHttp(TransportSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.getDefault())
                .build();
    }

    TransportSettings settings() {
        return settings;
    }

    /** Reads one answer: its value, or an {@link OdooException}; any other exception means the answer was unreadable. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(Answer answer) throws Exception;
    }

    /**
     * One HTTP exchange within the call deadline.
     *
     * @param operation what the call is, for messages (e.g. {@code object.execute_kw(res.partner.read)})
     * @param url       where it goes
     * @param secret    the password or API key to mask in every message (null: nothing to mask)
     * @param format    what the answer should be, for messages ("XML-RPC", "JSON")
     * @param request   sets the method, headers and body
     * @param reader    turns the answer into a value
     * @param owner     the transport: names it in the "is closed" message, and its logger logs the call (at debug)
     */
    <T> T exchange(Object owner, String operation, URI url, String secret, String format, Consumer<HttpRequest.Builder> request,
                   AnswerReader<T> reader) {
        if (closed) {
            throw new IllegalStateException(owner + " is closed");
        }
        Logger log = LoggerFactory.getLogger(owner.getClass());
        long started = System.nanoTime();
        Call call = new Call(operation, url, secret, started + settings.callDeadline().toNanos());
        inFlight.add(call);
        try {
            if (closed) {
                call.abort();
            }
            T value = send(call, format, request, reader);
            log.debug("Odoo call {} answered in {} ms", operation, millisSince(started));
            return value;
        } catch (OdooException e) {
            log.debug("Odoo call {} failed after {} ms: {}", operation, millisSince(started), e.getMessage());
            throw e;
        } finally {
            inFlight.remove(call);
            call.release();
        }
    }

    private <T> T send(Call call, String format, Consumer<HttpRequest.Builder> setup, AnswerReader<T> reader) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.url)
                .timeout(Duration.ofNanos(Math.max(1_000_000, call.left())))
                .header("User-Agent", "odoo-hub");
        setup.accept(builder);
        HttpRequest request = builder.build();
        BodyStream in = new BodyStream(call, settings.readTimeout());
        try {
            requests.incrementAndGet();
            CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(request, info -> in);
            call.pending = pending;
            if (call.aborted) {
                pending.cancel(true);
            }
            // until the headers: bounded by the deadline, and by the read timeout as "time to first answer"
            HttpResponse<InputStream> response = pending.get(call.waitNanos(settings.readTimeout()), TimeUnit.NANOSECONDS);
            int status = response.statusCode();
            call.status = status;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (status == 200 && length > settings.maxResponseBytes()) {
                throw contentError(call, "its answer of " + length + " bytes is larger than the cap of "
                        + settings.maxResponseBytes() + " bytes", null);
            }
            in.expect(length);
            return reader.read(new Answer(call, response, in));
        } catch (OdooException e) {
            throw e;
        } catch (TimeoutException e) {
            throw ioError(call, new SilenceException());
        } catch (ExecutionException e) {
            throw ioError(call, e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            throw ioError(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooTransportException(call.describe() + " was interrupted", call.status, true, null);
        } catch (Exception e) {
            // the reader could not make sense of the answer: a broken connection, or an answer that is not acceptable
            if (in.failure != null || call.aborted) {
                throw ioError(call, in.failure != null ? in.failure : e);
            }
            throw contentError(call, "its answer is not acceptable " + format + ": " + e.getMessage(), e);
        } finally {
            in.cancel();
        }
    }

    /** HTTP requests sent (or attempted: a refused connection counts). */
    long requestCount() {
        return requests.get();
    }

    /** Refuses further calls and aborts the ones in flight (they fail as retryable transport errors). */
    void close() {
        closed = true;
        for (Call call : inFlight) {
            call.abort();
        }
    }

    /** The answer as the reader sees it: status, headers, the body as a stream, and the errors to throw about it. */
    final class Answer {
        private final Call call;
        private final HttpResponse<InputStream> response;
        private final InputStream body;

        private Answer(Call call, HttpResponse<InputStream> response, InputStream body) {
            this.call = call;
            this.response = response;
            this.body = body;
        }

        int status() {
            return response.statusCode();
        }

        /** The Content-Type, "" when absent. */
        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        boolean isHtml() {
            return contentType().toLowerCase(Locale.ROOT).contains("html");
        }

        InputStream body() {
            return body;
        }

        /** "Odoo call X to URL answered HTTP n: text", retryable for 429/502/503/504. */
        OdooTransportException statusError() {
            return OdooHttp.this.statusError(call, response, body);
        }

        /** The answer is not what was asked for: not retryable. */
        OdooTransportException contentError(String reason) {
            return OdooHttp.this.contentError(call, reason, null);
        }

        /** The first characters of the body's text, tags stripped, the secret masked. */
        String snippet() {
            return OdooHttp.snippet(body, call.secret);
        }

        String mask(String text) {
            return OdooHttp.mask(text, call.secret);
        }

        String describe() {
            return call.describe();
        }
    }

    private OdooTransportException statusError(Call call, HttpResponse<?> response, InputStream body) {
        StringBuilder msg = new StringBuilder(call.describe()).append(" answered HTTP ").append(response.statusCode());
        int status = response.statusCode();
        response.headers().firstValue("Location").filter(l -> status >= 300 && status < 400)
                .ifPresent(l -> msg.append(" (redirect to ").append(l).append(')'));
        response.headers().firstValue("Retry-After").ifPresent(r -> msg.append(" (Retry-After: ").append(r).append(')'));
        String text = snippet(body, call.secret);
        if (!text.isEmpty()) {
            msg.append(": ").append(text);
        }
        return new OdooTransportException(mask(msg.toString(), call.secret), status, OdooTransportException.isRetryableStatus(status), null);
    }

    private OdooTransportException contentError(Call call, String reason, Exception cause) {
        return new OdooTransportException(mask(call.describe() + " failed: " + reason, call.secret), call.status, false,
                safeCause(cause, call.secret));
    }

    private OdooTransportException ioError(Call call, Throwable e) {
        String what;
        if (call.aborted) {
            what = " was aborted: the transport was closed";
        } else if (call.left() <= 0 || e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
            what = " exceeded its " + human(settings.callDeadline()) + " deadline";
        } else if (e instanceof SilenceException) {
            what = " got no data for " + human(settings.readTimeout()) + " (read timeout)";
        } else if (e instanceof TruncatedAnswerException t) {
            what = " failed: " + t.getMessage();
        } else if (e.getMessage() != null && JDK_TRUNCATED.matcher(e.getMessage()).find()) {
            // the HTTP client noticed the short body before the headers were handed over
            Matcher m = JDK_TRUNCATED.matcher(e.getMessage());
            m.find();
            what = " failed: " + new TruncatedAnswerException(Long.parseLong(m.group(2)), Long.parseLong(m.group(1))).getMessage();
        } else if (e instanceof HttpConnectTimeoutException) {
            what = " could not connect within its " + human(settings.connectTimeout()) + " connect timeout";
        } else if (e instanceof ConnectException) {
            what = " could not connect" + (e.getMessage() == null ? ": connection refused" : ": " + e.getMessage());
        } else if (String.valueOf(e.getMessage()).contains("received no bytes")) {
            what = " failed: the server closed the connection without answering";
        } else if (e instanceof IOException && e.getMessage() != null) {
            what = " failed: " + e.getMessage();
        } else {
            what = " failed: " + e;
        }
        return new OdooTransportException(mask(call.describe() + what, call.secret), call.status, true, safeCause(e, call.secret));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The first {@value #SNIPPET_CHARS} characters of a body's text, tags stripped, white space collapsed. */
    static String snippet(InputStream in, String secret) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        try {
            int n;
            while (buf.size() < ERROR_BODY_BYTES && (n = in.read(chunk, 0, Math.min(chunk.length, ERROR_BODY_BYTES - buf.size()))) > 0) {
                buf.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // keep what arrived: it is only for the message
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        text = SCRIPT_OR_STYLE.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        text = SPACES.matcher(text.replace("&nbsp;", " ")).replaceAll(" ").strip();
        text = mask(text, secret);
        return Text.preview(text, SNIPPET_CHARS);
    }

    static String mask(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }

    /** The cause, unless some message in its chain carries the secret (a server may echo the request). */
    static Throwable safeCause(Throwable cause, String secret) {
        if (secret == null || secret.isEmpty()) {
            return cause;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (String.valueOf(t).contains(secret)) {
                return null;
            }
        }
        return cause;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** Checks an Odoo base URL: http or https with a host; credentials, query and fragment are refused. */
    static URI checkBaseUrl(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Odoo base URL must be http or https: " + baseUrl);
        }
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Odoo base URL has no host: " + baseUrl);
        }
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Odoo base URL must not carry credentials: " + scheme + "://" + baseUrl.getHost());
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("Odoo base URL must not have a query or fragment: " + baseUrl);
        }
        return baseUrl;
    }

    /** The base URL (its path prefix kept) with {@code path} appended. */
    static URI endpoint(URI baseUrl, String path) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One call in flight: its deadline, and what close() must cancel. */
    private static final class Call {
        final String operation;
        final URI url;
        final String secret;
        final long deadline;
        volatile CompletableFuture<?> pending;
        volatile BodyStream body;
        volatile boolean aborted;
        volatile int status;

        Call(String operation, URI url, String secret, long deadline) {
            this.operation = operation;
            this.url = url;
            this.secret = secret;
            this.deadline = deadline;
        }

        String describe() {
            return "Odoo call " + operation + " to " + url;
        }

        long left() {
            return deadline - System.nanoTime();
        }

        /** Nanoseconds to wait: the timeout, cut to what is left of the deadline. */
        long waitNanos(Duration timeout) {
            return Math.max(0, Math.min(timeout.toNanos(), left()));
        }

        void abort() {
            aborted = true;
            release();
        }

        void release() {
            CompletableFuture<?> p = pending;
            if (p != null) {
                p.cancel(true);
            }
            BodyStream b = body;
            if (b != null) {
                b.cancel();
            }
        }
    }

    /** No byte arrived within the read timeout (while the deadline still had time). */
    private static final class SilenceException extends IOException {
        SilenceException() {
            super("read timeout");
        }
    }

    private static final class DeadlineExceededException extends IOException {
        DeadlineExceededException() {
            super("call deadline passed");
        }
    }

    private static final class AbortedException extends IOException {
        AbortedException() {
            super("transport closed");
        }
    }

    private static final class TruncatedAnswerException extends IOException {
        TruncatedAnswerException(long got, long expected) {
            super("the answer was cut off after " + got + " of " + expected + " bytes");
        }
    }

    /**
     * The answer's body as a blocking stream whose reads wait no longer than the call's deadline and read
     * timeout. It asks the HTTP client for one buffer list at a time, so at most one list is held; it notices a
     * body shorter than its Content-Length, and remembers a failure of the connection, so that the parser's
     * complaint about a cut message is reported as the I/O error it is.
     */
    private static final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
        private static final Object END = new Object();
        private static final Object CANCELLED = new Object();

        private final Call call;
        private final Duration readTimeout;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private Iterator<ByteBuffer> buffers;
        private ByteBuffer current;
        private boolean ended;
        private long expected = -1;
        private long count;
        IOException failure;

        BodyStream(Call call, Duration readTimeout) {
            this.call = call;
            this.readTimeout = readTimeout;
            call.body = this;
        }

        void expect(long length) {
            this.expected = length;
        }

        // ---- subscriber side (HTTP client threads) ----

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            queue.offer(item);
        }

        @Override
        public void onError(Throwable t) {
            queue.offer(t);
        }

        @Override
        public void onComplete() {
            queue.offer(END);
        }

        @Override
        public CompletionStage<InputStream> getBody() {
            return CompletableFuture.completedFuture(this);
        }

        /** Stops the exchange (closing its connection unless the body was read to its end). */
        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null && !ended) {
                s.cancel();
            }
            queue.offer(CANCELLED);
        }

        // ---- stream side (the calling thread) ----

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (failure != null) {
                throw failure;
            }
            while (current == null || !current.hasRemaining()) {
                if (buffers != null && buffers.hasNext()) {
                    current = buffers.next();
                    continue;
                }
                if (ended) {
                    return -1;
                }
                if (buffers != null) {
                    buffers = null;
                    subscription.request(1);
                }
                Object item = next();
                if (item == END) {
                    ended = true;
                    if (expected >= 0 && count < expected) {
                        throw fail(new TruncatedAnswerException(count, expected));
                    }
                    return -1;
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> list = (List<ByteBuffer>) item;
                buffers = list.iterator();
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            count += n;
            return n;
        }

        private Object next() throws IOException {
            if (call.aborted || cancelled) {
                throw fail(new AbortedException());
            }
            long wait = call.waitNanos(readTimeout);
            Object item;
            try {
                item = queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(new IOException("interrupted"));
            }
            if (item == null) {
                throw fail(call.left() <= 0 ? new DeadlineExceededException() : new SilenceException());
            }
            if (item == CANCELLED) {
                throw fail(new AbortedException());
            }
            if (item instanceof Throwable t) {
                if (expected >= 0 && count < expected) {
                    throw fail(new TruncatedAnswerException(count, expected));
                }
                throw fail(t instanceof IOException io ? io : new IOException(t.toString(), t));
            }
            return item;
        }

        private IOException fail(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
