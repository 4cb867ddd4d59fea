package app.wasla.handoff;

import app.wasla.conversation.media.StoredMedia;
import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import app.wasla.system.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves customers' stored media files: {@code GET /media/{id}} to Camunda users (the Tasklist
 * login or HTTP Basic) who may see the file's conversation in the inbox (supervisors and admins
 * every one, an agent those of her teams' queue and her own customers; 404 otherwise); {@code GET
 * /api/media/{id}} to API keys with {@code conversations:read}. Nothing else is reachable: an
 * unknown, not yet stored or refused file is a 404.
 */
@RestController
class MediaController {

  private final StoredMedia media;
  private final AgentCaller callers;
  private final IdentityService identity;
  private final HandoffDirectory directory;

  MediaController(
      StoredMedia media,
      AgentCaller callers,
      IdentityService identity,
      HandoffDirectory directory) {
    this.media = media;
    this.callers = callers;
    this.identity = identity;
    this.directory = directory;
  }

  @GetMapping("/media/{id}")
  ResponseEntity<?> forAgents(@PathVariable String id, HttpServletRequest request)
      throws IOException {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      ProblemDetail problem =
          Problems.detail(
              HttpStatus.valueOf(caller.status()),
              caller.status() == 401 ? "unauthenticated" : "insufficient-scope",
              caller.reason());
      ResponseEntity.BodyBuilder answer = ResponseEntity.status(caller.status());
      if (caller.status() == 401) {
        answer.header("WWW-Authenticate", "Basic realm=\"wasla\"");
      }
      return answer.body(problem);
    }
    if (identity.createGroupQuery().groupMember(caller.userId()).count() == 0) {
      return problem(HttpStatus.FORBIDDEN, "Only agents and admins may see customers' media");
    }
    // the inbox's rule: supervisors and admins see every conversation, an agent only those she may
    // see there; any other file is "not found", so that ids cannot be probed
    HandoffDirectory.Viewer viewer = directory.viewer(caller.userId());
    if (!viewer.supervisor()) {
      Optional<String> conversation = parse(id).flatMap(media::conversationOf);
      if (conversation.isEmpty() || !directory.visibleTo(viewer).contains(conversation.get())) {
        return problem(HttpStatus.NOT_FOUND, "No media " + id + " that you may see");
      }
    }
    return serve(id);
  }

  private static Optional<Long> parse(String id) {
    try {
      return Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @RequiresScope(Scope.CONVERSATIONS_READ)
  @GetMapping("/api/media/{id}")
  ResponseEntity<?> forApiKeys(@PathVariable String id) throws IOException {
    return serve(id);
  }

  private ResponseEntity<?> serve(String id) throws IOException {
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return problem(HttpStatus.NOT_FOUND, "No media " + id);
    }
    Optional<StoredMedia.File> file = media.open(number);
    if (file.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "No stored media " + id);
    }
    return response(file.get());
  }

  /**
   * The file with its type; images, audio and video inline (the form's preview and player), any
   * other type as a download.
   */
  static ResponseEntity<InputStreamResource> response(StoredMedia.File file) {
    MediaType type;
    try {
      type = MediaType.parseMediaType(file.mimeType());
    } catch (RuntimeException e) {
      type = MediaType.APPLICATION_OCTET_STREAM;
    }
    boolean inline =
        type.getType().equals("image")
            || type.getType().equals("audio")
            || type.getType().equals("video");
    String name =
        file.filename() != null && !file.filename().isBlank()
            ? file.filename()
            : "media-" + file.id();
    ContentDisposition disposition =
        (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
            .filename(name, java.nio.charset.StandardCharsets.UTF_8)
            .build();
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
        .body(new InputStreamResource(file.content()));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return Problems.of(
        status, status == HttpStatus.FORBIDDEN ? "insufficient-scope" : "not-found", detail);
  }
}
