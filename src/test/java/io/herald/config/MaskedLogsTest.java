package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masking of every log line on appenders set up as Spring Boot sets them up (a console pattern, a file), and as
 * a logback-spring.xml may (an asynchronous appender over a structured encoder), in a logger context of the test's own.
 */
class MaskedLogsTest {

    private static final String EMAIL = "jane.doe@example.com";
    private static final String PHONE = "+4915112347788";

    @TempDir
    Path directory;

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ByteArrayOutputStream structured = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> consoleAppender;
    private Path file;

    @BeforeEach
    void appenders() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        consoleAppender = new OutputStreamAppender<>();
        consoleAppender.setEncoder(pattern());
        consoleAppender.setOutputStream(console);
        start(consoleAppender);
        root.addAppender(consoleAppender);

        file = directory.resolve("herald.log");
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setFile(file.toString());
        fileAppender.setEncoder(pattern());
        start(fileAppender);
        root.addAppender(fileAppender);

        OutputStreamAppender<ILoggingEvent> json = new OutputStreamAppender<>();
        json.setEncoder(new JsonLines());
        json.setOutputStream(structured);
        start(json);
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setMaxFlushTime(0);
        async.addAppender(json);
        start(async);
        root.addAppender(async);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void masksAddressesAndNumbersInEveryAppendersLinesAndExceptions() throws IOException {
        MaskedLogs.mask(context);
        context.getLogger("org.apache.camel.processor.errorhandler.DeadLetterChannel").warn("Failed delivery to {} and {}", EMAIL, PHONE, new IllegalStateException(
                "550 5.1.1 <" + EMAIL + ">: Recipient address rejected", new IllegalArgumentException("To " + PHONE)));
        context.stop();

        for (String written : new String[] {text(console), Files.readString(file), text(structured)}) {
            assertThat(written).contains("Failed delivery to j***@example.com and +49*********88",
                    "550 5.1.1 <j***@example.com>: Recipient address rejected", "To +49*********88",
                    "at io.herald.config.MaskedLogsTest")
                    .doesNotContain(EMAIL, PHONE, "15112347788");
        }
    }

    @Test
    void writesALineWithoutAnAddressOrNumberByteForByte() {
        MaskedLogs.mask(context);
        context.getLogger("io.herald").info("Notification 7 sent to Zürich, order SO-1, parcel 1Z999AA10123456784");
        context.stop();

        assertThat(text(structured)).isEqualTo(
                "{\"message\":\"Notification 7 sent to Zürich, order SO-1, parcel 1Z999AA10123456784\"}\n");
        assertThat(text(console)).isEqualTo("INFO io.herald - Notification 7 sent to Zürich, order SO-1, parcel "
                + "1Z999AA10123456784\n");
    }

    @Test
    void masksOnceWhenAskedAgain() {
        MaskedLogs.mask(context);
        Encoder<ILoggingEvent> masking = consoleAppender.getEncoder();

        MaskedLogs.mask(context);

        assertThat(masking).isInstanceOf(MaskedLogs.MaskingEncoder.class);
        assertThat(consoleAppender.getEncoder()).isSameAs(masking);
    }

    private PatternLayoutEncoder pattern() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern("%level %logger - %msg%n%ex");
        encoder.start();
        return encoder;
    }

    private void start(ch.qos.logback.core.Appender<ILoggingEvent> appender) {
        appender.setContext(context);
        appender.start();
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A structured encoder, as Spring Boot's for logging.structured.format.*: no layout, UTF-8 bytes of its own. */
    private static final class JsonLines extends EncoderBase<ILoggingEvent> {

        @Override
        public byte[] encode(ILoggingEvent event) {
            String thrown = event.getThrowableProxy() == null ? ""
                    : ",\"error\":\"" + ThrowableProxyUtil.asString(event.getThrowableProxy()) + "\"";
            return ("{\"message\":\"" + event.getFormattedMessage() + "\"" + thrown + "}\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] headerBytes() {
            return null;
        }

        @Override
        public byte[] footerBytes() {
            return null;
        }
    }
}
