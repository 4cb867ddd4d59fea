package app.wasla.persona.learning;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The persona's model for admins (scope {@code persona:manage}, or a Camunda admin over HTTP
 * Basic): {@code GET /api/persona/evaluation} shows the running model, the one before it and the
 * last refused retrain; {@code POST /api/persona/reload} retrains now from the examples file, the
 * playbook and the corrections.
 */
@RestController
@RequestMapping("/api/persona")
@RequiresScope(Scope.PERSONA_MANAGE)
class PersonaAdminController {

  private final PersonaLearning learning;

  PersonaAdminController(PersonaLearning learning) {
    this.learning = learning;
  }

  @GetMapping("/evaluation")
  Map<String, Object> evaluation() {
    return view(learning.status());
  }

  /**
   * 200 with the new evaluation, or 422 naming what was wrong (the running model keeps answering).
   */
  @PostMapping("/reload")
  ResponseEntity<?> reload() {
    try {
      learning.reload("POST /api/persona/reload");
      return ResponseEntity.ok(view(learning.status()));
    } catch (RuntimeException e) {
      PersonaLearning.Failure failure = learning.status().lastFailure();
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.UNPROCESSABLE_ENTITY,
              (failure == null ? e.getMessage() : failure.message())
                  + " The running model keeps answering.");
      problem.setType(URI.create("https://wasla.app/problems/persona-not-retrained"));
      if (failure != null && !failure.problems().isEmpty()) {
        problem.setProperty("problems", failure.problems());
      }
      problem.setProperty("current", generation(learning.current()));
      return ResponseEntity.unprocessableEntity().body(problem);
    }
  }

  private static Map<String, Object> view(PersonaLearning.Status status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("current", generation(status.current()));
    out.put("previous", status.previous() == null ? null : generation(status.previous()));
    out.put("learned", status.learned());
    out.put("lastFailure", status.lastFailure());
    Map<String, Object> sources = new LinkedHashMap<>();
    sources.put("playbook", status.playbookLocation());
    sources.put("examplesFile", status.examplesLocation());
    sources.put("watched", status.watchingFiles());
    out.put("sources", sources);
    return out;
  }

  private static Map<String, Object> generation(PersonaLearning.Generation g) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", g.version());
    out.put("trainedAt", g.trainedAt().toString());
    out.put("trigger", g.trigger());
    out.put("tookMillis", g.tookMillis());
    Map<String, Object> examples = new LinkedHashMap<>();
    examples.put("shipped", g.examples().shipped());
    examples.put("examplesFile", g.examples().examplesFile());
    examples.put("corrections", g.examples().corrections());
    examples.put("total", g.examples().total());
    out.put("examples", examples);
    out.put("learnedMessages", g.learnedMessages());
    out.put("playbookPassages", g.persona().playbook().passages().size());
    out.put("evaluation", g.evaluation());
    return out;
  }
}
