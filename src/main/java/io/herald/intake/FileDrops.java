package io.herald.intake;

import io.herald.support.Names;
import io.herald.normalize.IntakeRejectedException;
import io.herald.normalize.Normalizer;
import io.herald.normalize.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The file drop (routes/intake/file-drops-intake.camel.yaml): a file in {@code <inbox>/<source>/} is cut into its
 * records, each record is published or refused on its own, and the file then moves to {@code done/} when every record
 * was published, or to {@code error/} with {@code <name>.reason.txt} naming each refusal. A file that cannot be read
 * at all (unknown source folder, too large, not the source's format) goes to {@code error/} as a whole. Valid records
 * of a file in {@code error/} are already published; Herald drops the duplicate events when the mended file is dropped
 * again.
 */
@Component("fileDrops")
public class FileDrops {

    private static final Logger LOG = LoggerFactory.getLogger(FileDrops.class);

    /** Where the file consumer moves the file after routing: the file's folder, done or error, and its name. */
    static final String FOLDER = Names.Property.FILE_FOLDER;
    static final String OUTCOME = Names.Property.FILE_OUTCOME;
    static final String NAME = Names.Property.FILE_NAME;
    private static final String REPORT = Names.Property.FILE_REPORT;
    static final String DONE = "done";
    static final String ERROR = "error";

    private final Normalizer normalizer;
    private final long maxFileBytes;

    public FileDrops(Normalizer normalizer, @Value("${herald.inbox.max-file-bytes}") long maxFileBytes) {
        this.normalizer = normalizer;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * What happened to one file: its source and its refusals, by record number (0 for the file as a whole). The
     * exchange's headers do not last (a refusal's answer clears them), and the copies a split makes share this object.
     */
    static final class Report {
        private final String source;
        private final Map<Integer, String> refusals = new ConcurrentSkipListMap<>();
        private volatile int records;

        Report(String source) {
            this.source = source;
        }
    }

    /**
     * Starts on a dropped file: names its source after its folder and notes where the file is to go. A file larger
     * than {@code herald.inbox.max-file-bytes} is refused before it is read.
     */
    public void open(Exchange exchange) {
        var message = exchange.getMessage();
        String relative = message.getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        exchange.setProperty(FOLDER, message.getHeader(Exchange.FILE_PARENT, String.class));
        exchange.setProperty(NAME, message.getHeader(Exchange.FILE_NAME_ONLY, String.class));
        exchange.setProperty(OUTCOME, ERROR);
        String source = relative.substring(0, Math.max(relative.indexOf('/'), 0));
        exchange.setProperty(REPORT, new Report(source));
        message.setHeader(Names.Header.SOURCE, source);
        long length = message.getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        if (length > maxFileBytes) {
            message.setBody(new byte[0]);
            throw new IntakeRejectedException(RejectReason.PAYLOAD_TOO_LARGE,
                    "The file has " + length + " bytes; the limit is " + maxFileBytes);
        }
    }

    /** The payloads of the file's records, each published on its own. */
    public List<byte[]> records(Exchange exchange) {
        String source = exchange.getMessage().getHeader(Names.Header.SOURCE, String.class);
        List<byte[]> records = normalizer.records(source, exchange.getMessage().getBody(byte[].class));
        exchange.getProperty(REPORT, Report.class).records = records.size();
        return records;
    }

    /**
     * Notes a refusal (routes/_shared, routeConfiguration file-drop-rejects), after it was kept in intake_failure. A
     * refused record only counts; a refused file is finished at once.
     */
    public void refused(Exchange exchange) {
        IntakeRejectedException rejected = IntakeFailures.rejectionOf(exchange);
        Integer index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        Report report = exchange.getProperty(REPORT, Report.class);
        if (report == null) {
            return;
        }
        report.refusals.put(index == null ? 0 : index + 1, rejected.reason().name() + ": " + rejected.getMessage());
        if (index == null) {
            finish(exchange);
        }
    }

    /** Sends the file to done/, or to error/ with its reason file when anything was refused. */
    public void finish(Exchange exchange) {
        Report report = exchange.getProperty(REPORT, Report.class);
        String name = exchange.getProperty(NAME, String.class);
        String source = report.source;
        if (report.refusals.isEmpty()) {
            exchange.setProperty(OUTCOME, DONE);
            LOG.info("File {} of {}: {} records published", name, source, report.records);
            return;
        }
        exchange.setProperty(OUTCOME, ERROR);
        StringBuilder reason = new StringBuilder()
                .append("file: ").append(name).append('\n')
                .append("source: ").append(source).append('\n');
        if (report.refusals.containsKey(0)) {
            reason.append("refused: ").append(report.refusals.get(0)).append('\n');
        } else {
            int refused = report.refusals.size();
            reason.append("records: ").append(report.records)
                    .append(", published: ").append(report.records - refused)
                    .append(", refused: ").append(refused).append('\n');
            report.refusals.forEach((record, why) ->
                    reason.append("record ").append(record).append(": ").append(why).append('\n'));
        }
        Path folder = Path.of(exchange.getProperty(FOLDER, String.class), ERROR);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(name + ".reason.txt"), reason, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the reason file of " + name, e);
        }
        if (report.refusals.containsKey(0)) {
            LOG.warn("File {} of {} goes to error/: the file was refused", name, source);
        } else {
            LOG.warn("File {} of {} goes to error/: {} of {} records refused", name, source, report.refusals.size(),
                    report.records);
        }
    }
}
