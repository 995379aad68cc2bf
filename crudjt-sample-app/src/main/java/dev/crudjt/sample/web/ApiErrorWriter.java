package dev.crudjt.sample.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/**
 * Writes an {@link ApiError} directly to a servlet response, for the security filters that
 * answer before any controller runs.
 *
 * @since 0.1.0
 */
public final class ApiErrorWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiErrorWriter() {
    }

    /**
     * Sends a JSON error with a status.
     *
     * @param response the response, not yet committed
     * @param status the HTTP status
     * @param error the error body
     * @throws IOException when the response cannot be written
     */
    public static void write(HttpServletResponse response, int status, ApiError error)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        MAPPER.writeValue(response.getOutputStream(), error);
    }
}
