package io.herald;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Herald: turns order and shipment data into proactive customer notifications. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HeraldApplication {

    /**
     * Jakarta Mail looks its stream provider up for every body part, header block and multipart it makes; unnamed, that
     * is a ServiceLoader scan of every jar on the class path each time, which took 8 % of the CPU under load
     * (docs/benchmarks.md). Named by this system property, it is one class lookup. A value set on the command line
     * wins.
     */
    static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(MAIL_STREAM_PROVIDER) == null) {
            System.setProperty(MAIL_STREAM_PROVIDER, MailStreamProvider.class.getName());
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(HeraldApplication.class, args);
    }
}
