package dev.crudjt.sample.links;

import dev.crudjt.TokenRead;
import dev.crudjt.sample.auth.SessionUser;
import dev.crudjt.sample.web.ApiError;
import dev.crudjt.spring.CrudJtTemplate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One-time links: tokens with {@code silence_read} 1 and a 15-minute time to live, which open
 * exactly once in any process and then answer 404.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/api/one-time-links")
public class OneTimeLinkController {

    /** How long an unused link stays valid. */
    public static final Duration LINK_TTL = Duration.ofMinutes(15);

    private static final String PURPOSE = "one-time-link";

    private static final int MAX_NOTE_LENGTH = 100;

    private final CrudJtTemplate crudJt;

    /**
     * Creates the controller.
     *
     * @param crudJt the token store
     */
    public OneTimeLinkController(CrudJtTemplate crudJt) {
        this.crudJt = crudJt;
    }

    /**
     * Creates a link that can be opened once within 15 minutes.
     *
     * @param user the caller, recorded as the link's creator
     * @param request an optional note to carry, at most 100 characters
     * @return 201 with the link token, its path and its lifetime in seconds
     */
    @PostMapping
    public ResponseEntity<?> create(@AuthenticationPrincipal SessionUser user,
            @RequestBody(required = false) @Nullable LinkRequest request) {
        String note = (request != null && request.note() != null) ? request.note() : "";
        if (note.length() > MAX_NOTE_LENGTH) {
            return ResponseEntity.badRequest().body(new ApiError("bad_request",
                    "Field 'note' must be at most " + MAX_NOTE_LENGTH + " characters, was "
                            + note.length()));
        }
        Map<String, Object> data = Map.of("purpose", PURPOSE, "created_by", user.userId(),
                "note", note);
        String token = this.crudJt.create(data, LINK_TTL, 1L);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("path", "/api/one-time-links/" + token);
        body.put("expires_in", LINK_TTL.toSeconds());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    /**
     * Opens a link; the first call answers its content, every later one 404.
     *
     * @param token the link token
     * @return 200 with the creator and the note, or 404 when used, expired or unknown
     */
    @GetMapping("/{token}")
    public ResponseEntity<?> open(@PathVariable("token") String token) {
        TokenRead read = this.crudJt.read(token);
        if (read == null || !PURPOSE.equals(read.data().get("purpose"))) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError("not_found",
                    "Link was already used, has expired or never existed"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created_by", read.data().get("created_by"));
        body.put("note", read.data().get("note"));
        return ResponseEntity.ok(body);
    }

    /**
     * Body of {@code POST /api/one-time-links}.
     *
     * @param note text to show when the link is opened
     */
    public record LinkRequest(@Nullable String note) {
    }
}
