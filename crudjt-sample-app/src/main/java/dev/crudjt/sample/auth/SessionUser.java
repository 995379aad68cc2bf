package dev.crudjt.sample.auth;

/**
 * The caller behind a valid session token, as the bearer filter found it.
 *
 * @param userId the user id stored in the token
 * @param username the user's login name
 * @param role the role stored in the token
 * @param token the session token itself, needed to log out or update it
 * @param ttl seconds the token has left, or null if it does not expire
 * @since 0.1.0
 */
public record SessionUser(long userId, String username, String role, String token, Long ttl) {

    @Override
    public String toString() {
        return "SessionUser{userId=" + this.userId + ", username=" + this.username + ", role="
                + this.role + "}";
    }
}
