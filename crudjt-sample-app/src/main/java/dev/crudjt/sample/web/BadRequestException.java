package dev.crudjt.sample.web;

/**
 * Thrown by endpoints whose request body is missing a field or holds a bad value; answered with
 * 400 and the message.
 *
 * @since 0.1.0
 */
public class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the request, shown to the caller
     */
    public BadRequestException(String message) {
        super(message);
    }
}
