package dev.crudjt.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application whose login sessions are CRUDJT tokens: run it once as the master and again
 * with {@code --crudjt.mode=client} to share the same sessions between processes.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the application.
     *
     * @param args command-line arguments, for example {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
