package io.odoohub.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the inbox: request threads hand their event to one writer, which stores whatever has arrived
 * meanwhile in one transaction, and each request is answered only after that commit. An acknowledged event is as
 * durable as with one commit per event; under load there are far fewer commits.
 */
public final class InboxIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InboxIntake.class);

    private record Pending(NewEvent event, CompletableFuture<Inbox.Receipt> receipt) {
    }

    private final Inbox inbox;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final Thread writer;
    private volatile boolean running = true;

    public InboxIntake(Inbox inbox, int maxBatch) {
        this.inbox = inbox;
        this.maxBatch = maxBatch;
        this.writer = new Thread(this::writeLoop, "inbox-intake");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stores the event (committed when this returns), or finds the one already stored under its dedupe key. */
    public Inbox.Receipt store(NewEvent event) {
        Pending p = new Pending(event, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(p, 5, TimeUnit.SECONDS)) {
                throw new InboxException("the inbox intake is " + (running ? "overloaded" : "stopped") + "; event not stored", null);
            }
            return p.receipt().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxException("interrupted while storing an event", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof InboxException ie ? ie : new InboxException("storing an event failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new InboxException("storing an event took longer than 30 s", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                List<Inbox.Receipt> receipts = inbox.storeAll(batch.stream().map(Pending::event).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).receipt().complete(receipts.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Inbox intake: a batch of {} event(s) could not be stored: {}", batch.size(), e.getMessage());
                batch.forEach(p -> p.receipt().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Stops taking events, stores what is queued, then stops the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            p.receipt().completeExceptionally(new InboxException("the inbox intake stopped before storing the event", null));
        }
    }
}
