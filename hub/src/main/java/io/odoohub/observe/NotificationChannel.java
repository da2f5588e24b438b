package io.odoohub.observe;

/** A way to reach operators. A failed send throws; the notification is sent again at the next check. */
public interface NotificationChannel {

    /** For logs: never contains a secret. */
    String name();

    void send(Notification notification) throws Exception;
}
