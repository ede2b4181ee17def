package io.herald.config.embedded;

import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link LocalMailSink} when {@code herald.mail.local-sink.enabled} is true, keeping at most
 * {@code herald.mail.local-sink.max-messages} messages, and publishes the port
 * it listens on as {@code herald.mail.local-sink.port}, ahead of every other property source, so the email
 * channel's {@code smtp://localhost:${herald.mail.local-sink.port}} reaches it. The sink becomes the bean
 * {@code localMailSink} of the application's context.
 */
public class LocalMailSinkEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "heraldLocalMailSink";
    static final String PORT = "herald.mail.local-sink.port";
    static final String MAX_MESSAGES = "herald.mail.local-sink.max-messages";
    static final String BEAN_NAME = "localMailSink";

    private final Log log;

    public LocalMailSinkEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(LocalMailSinkEnvironment.class);
    }

    /** After application.yaml and the profile files have been read. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("herald.mail.local-sink.enabled", Boolean.class, false)
                || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        LocalMailSink sink = LocalMailSink.start(environment.getProperty(PORT, Integer.class, 0),
                environment.getProperty(MAX_MESSAGES, Integer.class, LocalMailSink.DEFAULT_MAX_MESSAGES));
        environment.getPropertySources().addFirst(
                new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(PORT, sink.port())));
        application.addListeners(new SinkWithApplication(application, sink));
        log.info("Local mail sink accepting SMTP on 127.0.0.1:" + sink.port());
    }

    /** Registers the sink in the application's context, or stops it if the application fails to start. */
    private record SinkWithApplication(SpringApplication application, LocalMailSink sink)
            implements ApplicationListener<SpringApplicationEvent> {

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event.getSpringApplication() != application) {
                return; // an event from another application, e.g. a child context's, reaching our listener
            }
            if (event instanceof ApplicationPreparedEvent prepared) {
                prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN_NAME, sink);
            } else if (event instanceof ApplicationFailedEvent) {
                sink.close();
            }
        }
    }
}
