package io.odoohub.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real Odoo databases of this test JVM ({@code testodoo.url} and {@code testodoo.db} as comma-separated lists, one entry
 * per running instance), each brought back to pristine by the {@code testodoo.reset} command ({@code {db}} stands for the
 * database). A test takes a pristine one; when it is done, that one is reset in the background while the next test
 * runs on another, so a reset (about 7 s: stop Odoo, recreate the database from its template, start Odoo) costs no
 * waiting when there are two or more instances. An instance whose state is not known (the first use in this JVM) is
 * reset before it is handed out.
 */
final class RealOdooPool {

    record Instance(String url, String db) {
    }

    private enum State { UNKNOWN, RESETTING, CLEAN, IN_USE }

    private static final class Slot {
        final Instance instance;
        State state = State.UNKNOWN;
        CompletableFuture<Void> reset;

        Slot(Instance instance) {
            this.instance = instance;
        }
    }

    private static RealOdooPool pool;

    private final List<Slot> slots = new ArrayList<>();
    private final String resetCommand;
    private final ExecutorService resets = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "real-odoo-reset");
        t.setDaemon(true);
        return t;
    });

    private RealOdooPool(List<Instance> instances, String resetCommand) {
        instances.forEach(i -> slots.add(new Slot(i)));
        this.resetCommand = resetCommand;
    }

    static synchronized RealOdooPool get(String urls, String dbs, String resetCommand) {
        if (pool == null) {
            List<String> u = split(urls);
            List<String> d = split(dbs);
            if (u.size() != d.size()) {
                throw new IllegalStateException("testodoo.url names " + u.size() + " servers and testodoo.db " + d.size() + " databases");
            }
            if (u.size() > 1 && !resetCommand.contains("{db}")) {
                throw new IllegalStateException("with several real Odoo instances testodoo.reset must name the database as {db}");
            }
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < u.size(); i++) {
                instances.add(new Instance(u.get(i), d.get(i)));
            }
            pool = new RealOdooPool(instances, resetCommand);
        }
        return pool;
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A pristine instance, marked in use until {@link #release}. */
    Instance take() {
        Slot chosen;
        CompletableFuture<Void> wait = null;
        boolean resetFirst;
        synchronized (this) {
            chosen = slots.stream().filter(s -> s.state == State.CLEAN).findFirst()
                    .or(() -> slots.stream().filter(s -> s.state == State.RESETTING).findFirst())
                    .or(() -> slots.stream().filter(s -> s.state == State.UNKNOWN).findFirst())
                    .orElseThrow(() -> new IllegalStateException("every real Odoo instance is in use: close the TestOdoo before starting another"));
            if (chosen.state == State.RESETTING) {
                wait = chosen.reset;
            }
            resetFirst = chosen.state == State.UNKNOWN;
            chosen.state = State.IN_USE;
            // the others not known yet are made ready meanwhile
            slots.stream().filter(s -> s.state == State.UNKNOWN).forEach(this::resetInBackground);
        }
        if (wait != null) {
            wait.join();
        }
        if (resetFirst) {
            reset(chosen.instance);
        }
        return chosen.instance;
    }

    /** The test is done with it: it is reset in the background for the next one. */
    synchronized void release(Instance instance) {
        slots.stream().filter(s -> s.instance.equals(instance)).forEach(this::resetInBackground);
    }

    private void resetInBackground(Slot slot) {
        slot.state = State.RESETTING;
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> reset(slot.instance), resets);
        slot.reset = f;
        f.whenComplete((ok, failed) -> {
            synchronized (this) {
                if (slot.reset == f && slot.state == State.RESETTING) {
                    slot.state = failed == null ? State.CLEAN : State.UNKNOWN;
                }
            }
        });
    }

    private void reset(Instance instance) {
        List<String> command = Arrays.asList(resetCommand.replace("{db}", instance.db()).trim().split("\\s+"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("resetting the real Odoo failed (" + String.join(" ", command) + "):\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting the real Odoo", e);
        }
    }
}
