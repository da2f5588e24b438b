package io.odoohub.pardot;

/** What the scheduled routes call; does nothing while the connector is not configured. */
public final class PardotSchedule {

    private final boolean enabled;
    private final PardotPuller puller;
    private final PipelinePusher pusher;

    PardotSchedule(boolean enabled, PardotPuller puller, PipelinePusher pusher) {
        this.enabled = enabled;
        this.puller = puller;
        this.pusher = pusher;
    }

    public int pullProspects() {
        return enabled ? puller.pullProspects() : 0;
    }

    public int pullActivities() {
        return enabled ? puller.pullActivities() : 0;
    }

    public int push() {
        return enabled ? pusher.push() : 0;
    }
}
