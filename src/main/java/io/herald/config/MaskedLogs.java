package io.herald.config;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import io.herald.channel.Masking;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Masks every email address and E.164 number in every line the log writes, whoever logged it ({@link Masking#text}):
 * Herald's own lines name no recipient, but a library's can quote one, such as Camel's "Failed delivery ... caught:"
 * with an SMTP relay's reply, or a driver's exception with a row's values. Once Spring Boot has set up logging from
 * {@code logging.*}, the encoder of each appender that writes bytes (the console, {@code logging.file.name}, in a
 * pattern or structured) is wrapped, so that the guarantee holds by construction rather than by each path. A name
 * cannot be recognised by a pattern: those stay out of the log by each path (docs/operations.md, "Logs and personal
 * data").
 */
public class MaskedLogs implements GenericApplicationListener {

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            mask(context);
        }
    }

    /** Right after Spring Boot's logging set-up, which runs on the same event. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Wraps the encoder of every appender of the context that writes bytes, once; again is a no-op. */
    static void mask(LoggerContext context) {
        for (Logger logger : context.getLoggerList()) {
            logger.iteratorForAppenders().forEachRemaining(MaskedLogs::mask);
        }
    }

    @SuppressWarnings("unchecked")
    private static void mask(Appender<ILoggingEvent> appender) {
        if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
            Encoder<ILoggingEvent> encoder = stream.getEncoder();
            if (encoder != null && !(encoder instanceof MaskingEncoder)) {
                stream.setEncoder(new MaskingEncoder(encoder, charsetOf(stream)));
            }
        } else if (appender instanceof AppenderAttachable<?> parent) {
            // an AsyncAppender of a logback-spring.xml: its own appenders write
            ((AppenderAttachable<ILoggingEvent>) parent).iteratorForAppenders().forEachRemaining(MaskedLogs::mask);
        }
    }

    /**
     * The charset the appender's lines are written in: a pattern's own, else the one Spring Boot gives a structured
     * encoder ({@code logging.charset.console} and {@code .file}, UTF-8 unless set).
     */
    private static Charset charsetOf(OutputStreamAppender<ILoggingEvent> appender) {
        if (appender.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> layout) {
            return layout.getCharset() == null ? Charset.defaultCharset() : layout.getCharset();
        }
        String property = appender instanceof FileAppender ? "FILE_LOG_CHARSET" : "CONSOLE_LOG_CHARSET";
        String charset = System.getProperty(property);
        return charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
    }

    /** An encoder's line with its addresses and numbers masked; what has none is written as it came. */
    static final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

        private final Encoder<ILoggingEvent> encoder;
        private final Charset charset;

        MaskingEncoder(Encoder<ILoggingEvent> encoder, Charset charset) {
            this.encoder = encoder;
            this.charset = charset;
            setContext(encoder.getContext());
            start();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            byte[] line = encoder.encode(event);
            String text = new String(line, charset);
            String masked = Masking.text(text);
            return masked.equals(text) ? line : masked.getBytes(charset);
        }

        @Override
        public byte[] headerBytes() {
            return encoder.headerBytes();
        }

        @Override
        public byte[] footerBytes() {
            return encoder.footerBytes();
        }

        @Override
        public void stop() {
            encoder.stop();
            super.stop();
        }
    }
}
