package io.herald;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Herald: turns order and shipment data into proactive customer notifications. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HeraldApplication {

    public static void main(String[] args) {
        SpringApplication.run(HeraldApplication.class, args);
    }
}
