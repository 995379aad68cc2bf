package dev.crudjt.sample.web;

/**
 * Body of every error response: a stable machine-readable code and a sentence for people.
 *
 * @param error short code such as {@code bad_request} or {@code invalid_token}
 * @param message what went wrong and how to fix it
 * @since 0.1.0
 */
public record ApiError(String error, String message) {
}
