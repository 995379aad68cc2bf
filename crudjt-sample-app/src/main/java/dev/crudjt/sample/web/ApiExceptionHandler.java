package dev.crudjt.sample.web;

import dev.crudjt.CrudJtException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns bad requests into 400 responses with a JSON {@link ApiError}, never a stack trace.
 *
 * @since 0.1.0
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    /**
     * Answers a body that is not JSON, or not of the expected shape.
     *
     * @param ex the parse failure
     * @return 400 with a message
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException ex) {
        return badRequest("Request body must be a JSON object of the documented shape");
    }

    /**
     * Answers a body that misses a field or holds a bad value.
     *
     * @param ex the failure, whose message names the field
     * @return 400 with the message
     */
    @ExceptionHandler(BadRequestException.class)
    public ResponseEntity<ApiError> badRequest(BadRequestException ex) {
        return badRequest(ex.getMessage());
    }

    /**
     * Answers data that CRUDJT refuses, such as a payload over the size limit.
     *
     * @param ex the refusal, whose message names the value and the limit
     * @return 400 with the message
     */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ApiError> illegalArgument(IllegalArgumentException ex) {
        return badRequest(ex.getMessage());
    }

    /**
     * Answers a body sent with a content type other than JSON.
     *
     * @param ex the failure
     * @return 415 with a message
     */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(new ApiError(
                "unsupported_media_type", "Send the body as application/json"));
    }

    /**
     * Answers any call made while the token store cannot be reached.
     *
     * @param ex the store failure
     * @return 503 with a message that names no token or payload
     */
    @ExceptionHandler(CrudJtException.class)
    public ResponseEntity<ApiError> storeFailure(CrudJtException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(storeUnavailable());
    }

    /**
     * Returns the body sent while the token store cannot be reached.
     *
     * @return the error body
     */
    public static ApiError storeUnavailable() {
        return new ApiError("store_unavailable",
                "Session store is unavailable right now; try again shortly");
    }

    private static ResponseEntity<ApiError> badRequest(String message) {
        return ResponseEntity.badRequest().body(new ApiError("bad_request", message));
    }
}
