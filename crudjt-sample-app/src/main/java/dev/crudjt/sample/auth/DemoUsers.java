package dev.crudjt.sample.auth;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The demo's fixed, in-memory users. Demo only: a real application keeps users in its own
 * database. Passwords are stored as BCrypt hashes of {@code alice-pass} and {@code bob-pass}.
 *
 * @since 0.1.0
 */
@Component
public class DemoUsers {

    private final List<DemoUser> users = List.of(
            new DemoUser(1, "alice",
                    "$2a$10$Uh5a/eUndgktflYTqCQtLOtl4QL1OeoYlhzghaqk0mE1OJxVne1y2", "admin"),
            new DemoUser(2, "bob",
                    "$2a$10$wYCK9Q18DPi4bUUta.YRO.Z1IfMW.Cl91e8L4PiMXOh3.prN40W6C", "user"));

    /**
     * Finds a user by login name.
     *
     * @param username the login name
     * @return the user, if there is one of that name
     */
    public Optional<DemoUser> findByUsername(String username) {
        return this.users.stream().filter((user) -> user.username().equals(username)).findFirst();
    }

    /**
     * Finds a user by id.
     *
     * @param id the user id
     * @return the user, if there is one with that id
     */
    public Optional<DemoUser> findById(long id) {
        return this.users.stream().filter((user) -> user.id() == id).findFirst();
    }
}
