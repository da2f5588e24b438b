package io.odoohub.observe;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Sends each notification as a plain-text mail through SMTP (Jakarta Mail, the implementation camel-mail brings).
 * The password goes to the transport only: never into properties, URIs or logs.
 */
public final class MailChannel implements NotificationChannel {

    private final ObserveSettings.Smtp smtp;
    private final Session session;

    public MailChannel(ObserveSettings.Smtp smtp, Duration timeout) {
        this.smtp = smtp;
        String protocol = protocol();
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty("mail." + protocol + ".host", smtp.host());
        p.setProperty("mail." + protocol + ".port", String.valueOf(smtp.port()));
        p.setProperty("mail." + protocol + ".auth", String.valueOf(!smtp.username().isEmpty()));
        p.setProperty("mail." + protocol + ".starttls.enable", String.valueOf(smtp.starttls()));
        p.setProperty("mail." + protocol + ".starttls.required", String.valueOf(smtp.starttls()));
        p.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
        p.setProperty("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
        p.setProperty("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return "mail " + protocol() + "://" + smtp.host() + ":" + smtp.port() + " to " + smtp.to();
    }

    @Override
    public void send(Notification n) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(smtp.from()));
        mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(smtp.to()));
        mail.setSubject("[odoo-hub] " + n.message(), "UTF-8");
        mail.setSentDate(Date.from(n.at()));
        StringBuilder text = new StringBuilder(n.message()).append("\n\n");
        text.append("kind: ").append(n.kind()).append('\n').append("flow: ").append(n.flow()).append('\n');
        text.append("at: ").append(n.at()).append('\n');
        for (Map.Entry<String, Object> e : new TreeMap<>(n.details()).entrySet()) {
            text.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        mail.setText(text.toString(), "UTF-8");
        try (Transport transport = session.getTransport(protocol())) {
            if (smtp.username().isEmpty()) {
                transport.connect();
            } else {
                transport.connect(smtp.host(), smtp.port(), smtp.username(), new String(smtp.password()));
            }
            transport.sendMessage(mail, mail.getAllRecipients());
        }
    }

    private String protocol() {
        return smtp.ssl() ? "smtps" : "smtp";
    }
}
