package dev.crudjt.sample.auth;

import dev.crudjt.sample.web.ApiError;
import dev.crudjt.sample.web.BadRequestException;
import dev.crudjt.spring.CrudJtTemplate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login, the current session, logout and the admin's role change.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/api")
public class AuthController {

    /** How long a login session lives. */
    public static final Duration SESSION_TTL = Duration.ofDays(30);

    private static final Set<String> ROLES = Set.of("admin", "user");

    private final CrudJtTemplate crudJt;

    private final DemoUsers users;

    private final PasswordEncoder passwordEncoder;

    /**
     * Creates the controller.
     *
     * @param crudJt the token store
     * @param users the demo users
     * @param passwordEncoder checks passwords against their BCrypt hashes
     */
    public AuthController(CrudJtTemplate crudJt, DemoUsers users,
            PasswordEncoder passwordEncoder) {
        this.crudJt = crudJt;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    /**
     * Checks a user name and password and answers a new session token.
     *
     * @param login the credentials
     * @return 200 with {@code {"token": ...}}, or 401 when the credentials are wrong
     */
    @PostMapping("/login")
    public ResponseEntity<?> login(@RequestBody @Nullable LoginRequest login) {
        if (login == null || isBlank(login.username()) || isBlank(login.password())) {
            throw new BadRequestException("Fields 'username' and 'password' are required");
        }
        Optional<DemoUser> user = this.users.findByUsername(login.username())
                .filter((found) -> this.passwordEncoder.matches(login.password(),
                        found.passwordHash()));
        if (user.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(new ApiError(
                    "invalid_credentials", "User name or password is wrong"));
        }
        String token = this.crudJt.create(sessionData(user.get().id(), user.get().role()),
                SESSION_TTL, null);
        return ResponseEntity.ok(Map.of("token", token));
    }

    /**
     * Answers the caller's user and what is left of the session.
     *
     * @param user the caller
     * @return the user id, name, role and the token's remaining seconds
     */
    @GetMapping("/me")
    public Map<String, Object> me(@AuthenticationPrincipal SessionUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", user.userId());
        body.put("username", user.username());
        body.put("role", user.role());
        body.put("ttl", user.ttl());
        return body;
    }

    /**
     * Ends the caller's session in every process at once.
     *
     * @param user the caller
     * @return 204
     */
    @PostMapping("/logout")
    public ResponseEntity<Void> logout(@AuthenticationPrincipal SessionUser user) {
        this.crudJt.delete(user.token());
        return ResponseEntity.noContent().build();
    }

    /**
     * Changes the role held in the caller's own session token, keeping its remaining time to
     * live. Admins only.
     *
     * @param user the caller
     * @param change the new role
     * @return the session as {@link #me(SessionUser)} shows it after the change
     */
    @PutMapping("/me/role")
    @PreAuthorize("hasRole('admin')")
    public ResponseEntity<?> changeRole(@AuthenticationPrincipal SessionUser user,
            @RequestBody @Nullable RoleChange change) {
        if (change == null || change.role() == null || !ROLES.contains(change.role())) {
            throw new BadRequestException("Field 'role' must be one of " + ROLES);
        }
        Long ttl = user.ttl();
        boolean updated = this.crudJt.update(user.token(), sessionData(user.userId(),
                change.role()), (ttl != null) ? ttl : SESSION_TTL.toSeconds(), null);
        if (!updated) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(new ApiError(
                    "invalid_token", "Session ended while it was being updated"));
        }
        return ResponseEntity.ok(me(new SessionUser(user.userId(), user.username(),
                change.role(), user.token(), ttl)));
    }

    private static Map<String, Object> sessionData(long userId, String role) {
        return Map.of("user_id", userId, "role", role);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /**
     * Body of {@code POST /api/login}.
     *
     * @param username the login name
     * @param password the password
     */
    public record LoginRequest(@Nullable String username, @Nullable String password) {

        @Override
        public String toString() {
            return "LoginRequest{username=" + this.username + ", password=(hidden)}";
        }
    }

    /**
     * Body of {@code PUT /api/me/role}.
     *
     * @param role the new role, {@code admin} or {@code user}
     */
    public record RoleChange(@Nullable String role) {
    }
}
