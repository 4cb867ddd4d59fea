package app.wasla.api;

import app.wasla.notification.TemplateCatalogue;
import app.wasla.notification.WhatsAppTemplate;
import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The business's WhatsApp templates as Wasla knows them, for whoever sends them. */
@RestController
class TemplateApiController {

  record TemplateList(
      List<WhatsAppTemplate> templates, boolean checked, Instant readAt, String lastFailure) {}

  private final TemplateCatalogue catalogue;

  TemplateApiController(TemplateCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @RequiresScope(Scope.MESSAGES_SEND)
  @GetMapping("/api/templates")
  TemplateList list() {
    return new TemplateList(
        catalogue.all(),
        catalogue.checking(),
        catalogue.readAt().orElse(null),
        catalogue.lastFailure().orElse(null));
  }
}
