package dev.crudjt.sample.auth;

import dev.crudjt.CrudJtException;
import dev.crudjt.TokenRead;
import dev.crudjt.sample.web.ApiErrorWriter;
import dev.crudjt.sample.web.ApiExceptionHandler;
import dev.crudjt.spring.CrudJtTemplate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests by reading the token from CRUDJT.
 *
 * <p>A request without the header goes on unauthenticated, and the security rules decide. A
 * header that is malformed, or names an absent or expired token, or one that is not a session,
 * is answered at once with 401 and a {@code WWW-Authenticate} challenge. When the token store
 * cannot be reached the request is answered with 503, never let through.
 *
 * @since 0.1.0
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private static final int MAX_TOKEN_LENGTH = 256;

    private final CrudJtTemplate crudJt;

    private final DemoUsers users;

    private final JsonAuthenticationEntryPoint entryPoint;

    /**
     * Creates the filter.
     *
     * @param crudJt the token store
     * @param users the users that tokens refer to
     * @param entryPoint answers rejected requests
     */
    public BearerTokenFilter(CrudJtTemplate crudJt, DemoUsers users,
            JsonAuthenticationEntryPoint entryPoint) {
        this.crudJt = crudJt;
        this.users = users;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = bearerToken(header);
        SessionUser user;
        try {
            user = (token != null) ? findSession(token) : null;
        }
        catch (CrudJtException ex) {
            ApiErrorWriter.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    ApiExceptionHandler.storeUnavailable());
            return;
        }
        if (user == null) {
            this.entryPoint.reject(response, "invalid_token",
                    "Bearer token is malformed, expired or logged out: log in again");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new SessionAuthentication(user));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static @Nullable String bearerToken(String header) {
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).strip();
        return (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) ? null : token;
    }

    private @Nullable SessionUser findSession(String token) {
        TokenRead read = this.crudJt.read(token);
        if (read == null || !(read.data().get("user_id") instanceof Number userId)
                || !(read.data().get("role") instanceof String role)) {
            return null;
        }
        Optional<DemoUser> user = this.users.findById(userId.longValue());
        return user.map((found) -> new SessionUser(found.id(), found.username(), role, token,
                read.ttl())).orElse(null);
    }
}
