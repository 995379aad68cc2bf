package dev.crudjt.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * A web application whose login sessions are CRUDJT tokens: run it once as the master and again
 * with {@code --crudjt.mode=client} to share the same sessions between processes. Spring
 * Security's generated default user is turned off: the demo users live in
 * {@link dev.crudjt.sample.auth.DemoUsers}.
 *
 * @since 0.1.0
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
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
