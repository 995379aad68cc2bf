package dev.crudjt.sample.auth;

/**
 * A user of the demo: id, name, BCrypt hash of the password and role.
 *
 * @param id the user id stored in session tokens
 * @param username the login name
 * @param passwordHash BCrypt hash of the password
 * @param role {@code admin} or {@code user}
 * @since 0.1.0
 */
public record DemoUser(long id, String username, String passwordHash, String role) {
}
