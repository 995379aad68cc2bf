package dev.crudjt.sample.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request whose principal is the {@link SessionUser} of its bearer token.
 *
 * @since 0.1.0
 */
public class SessionAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final SessionUser user;

    /**
     * Creates an authenticated token with the authority {@code ROLE_<role>}.
     *
     * @param user the caller
     */
    public SessionAuthentication(SessionUser user) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public SessionUser getPrincipal() {
        return this.user;
    }
}
