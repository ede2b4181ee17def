package io.herald.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether this process is the only one that can use Herald's database, and since when: an H2 file (the default run's)
 * opened without {@code AUTO_SERVER=TRUE} or {@code FILE_LOCK=NO}, which H2 locks to the process that opened it. Then
 * an attempt left SENDING whose hand-off began before this process started was left by an earlier run that stopped
 * (a kill -9, a crash, a power cut), and no one can be handing it over any more: {@link Deliveries} takes it over at
 * once instead of waiting out {@code herald.channels.hand-off-lease}. Not for an H2 in memory, which every Herald in
 * the JVM shares, nor for a database server, which other instances may share.
 */
@Component
public class SoleDatabase {

    private final Instant since;

    @Autowired
    public SoleDatabase(@Value("${spring.datasource.url:}") String url, Clock clock) {
        this(isSole(url) ? clock.instant() : null);
    }

    private SoleDatabase(Instant since) {
        this.since = since;
    }

    /** A database other processes may use too. */
    public static SoleDatabase shared() {
        return new SoleDatabase((Instant) null);
    }

    /** The database of this process alone since {@code since}. */
    public static SoleDatabase since(Instant since) {
        return new SoleDatabase(since);
    }

    /** Whether a hand-off that began at {@code at} was begun by an earlier run, which no longer works on it. */
    public boolean leftByAnEarlierRun(Instant at) {
        return since != null && at.isBefore(since);
    }

    static boolean isSole(String url) {
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT).replace(" ", "");
        if (!u.startsWith("jdbc:h2:") || u.contains("auto_server=true") || u.contains("file_lock=no")) {
            return false;
        }
        String path = u.substring("jdbc:h2:".length());
        return !path.startsWith("mem:") && !path.startsWith("tcp:") && !path.startsWith("ssl:");
    }
}
