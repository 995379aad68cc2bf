package dev.crudjt.sample.auth;

import dev.crudjt.sample.web.ApiError;
import dev.crudjt.sample.web.ApiErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Answers unauthenticated requests with 401, a JSON error and an RFC 6750 bearer challenge.
 *
 * @since 0.1.0
 */
@Component
public class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        reject(response, "unauthorized",
                "Send 'Authorization: Bearer <token>' with a token from POST /api/login");
    }

    /**
     * Sends 401 with a challenge naming the error.
     *
     * @param response the response
     * @param error the error code, for example {@code invalid_token}
     * @param message the explanation for the caller
     * @throws IOException when the response cannot be written
     */
    public void reject(HttpServletResponse response, String error, String message)
            throws IOException {
        String challenge = "unauthorized".equals(error) ? "Bearer realm=\"crudjt-sample\""
                : "Bearer realm=\"crudjt-sample\", error=\"" + error + "\"";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        ApiErrorWriter.write(response, HttpServletResponse.SC_UNAUTHORIZED,
                new ApiError(error, message));
    }
}
