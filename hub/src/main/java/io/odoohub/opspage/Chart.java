package io.odoohub.opspage;

import io.odoohub.observe.FlowActivity;
import java.util.ArrayList;
import java.util.List;

/**
 * A small bar chart of a flow's activity, drawn by the server as SVG (no script): per bucket, bars of received,
 * written, and failed plus dead. Colours come from the stylesheet, by class.
 */
public record Chart(int width, int height, List<Bar> bars, String caption) {

    /** One bar: its box, its class (received, written, failed) and its tooltip. */
    public record Bar(int x, int y, int w, int h, String kind, String title) {
    }

    private static final int BAR = 3;
    private static final int GAP = 3;
    private static final int HEIGHT = 40;

    static Chart of(FlowActivity.Window w, Format fmt, String caption) {
        List<Bar> bars = new ArrayList<>();
        long peak = w.peak();
        int step = 3 * BAR + GAP;
        for (int i = 0; i < w.buckets(); i++) {
            long received = w.counts().get(FlowActivity.Kind.RECEIVED)[i];
            long written = w.counts().get(FlowActivity.Kind.WRITTEN)[i];
            long failed = w.counts().get(FlowActivity.Kind.FAILED)[i] + w.counts().get(FlowActivity.Kind.DEAD)[i];
            String when = fmt.time(w.from().plus(w.bucket().multipliedBy(i)));
            int x = i * step;
            bars.add(bar(x, received, peak, "received", when + ": " + received + " received"));
            bars.add(bar(x + BAR, written, peak, "written", when + ": " + written + " written"));
            bars.add(bar(x + 2 * BAR, failed, peak, "failed", when + ": " + failed + " failed or dead"));
        }
        return new Chart(w.buckets() * step, HEIGHT, bars, caption);
    }

    private static Bar bar(int x, long n, long peak, String kind, String title) {
        int h = n == 0 ? 0 : (int) Math.max(1, Math.round((double) n * HEIGHT / peak));
        return new Bar(x, HEIGHT - h, BAR, h, kind, title);
    }
}
