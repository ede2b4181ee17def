package io.herald.faults;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on a fixed port that the fault run can take down and bring back. Every message it
 * accepted is kept as a {@link Delivery}, across its outages.
 */
final class SmtpSink {

    private final int port;
    private final List<Delivery> earlier = new ArrayList<>();
    private GreenMail server;

    SmtpSink(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /**
     * Down: connections are refused until {@link #start()}. What it accepted so far is kept: read from its store once
     * it stopped, as GreenMail gives the server a new, empty store on stop. Read before it, a mail accepted in between
     * counted as missing although Herald had its 250 (a fault run's SMTP outage began just then).
     */
    synchronized void stop() {
        if (server != null) {
            Managers store = server.getManagers();
            server.stop();
            earlier.addAll(read(store));
            server = null;
        }
    }

    synchronized boolean isUp() {
        return server != null;
    }

    /** Every message accepted so far, in order. */
    synchronized List<Delivery> deliveries() {
        List<Delivery> all = new ArrayList<>(earlier);
        if (server != null) {
            all.addAll(read(server.getManagers()));
        }
        return all;
    }

    private static List<Delivery> read(Managers store) {
        List<Delivery> deliveries = new ArrayList<>();
        for (StoredMessage stored : store.getImapHostManager().getAllMessages()) {
            MimeMessage message = stored.getMimeMessage();
            try {
                Address[] to = message.getAllRecipients();
                deliveries.add(new Delivery(to == null || to.length == 0 ? "" : ((InternetAddress) to[0]).getAddress(),
                        message.getMessageID(), message.getSubject()));
            } catch (MessagingException e) {
                throw new IllegalStateException("GreenMail kept a message it cannot read", e);
            }
        }
        return deliveries;
    }
}
