package app.wasla.conversation;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Templates the operator declares non-marketing, as Meta approved them: {@code
 * wasla.whatsapp.templates.<name> .category=UTILITY|AUTHENTICATION}, or the name in {@code
 * wasla.whatsapp.utility-templates} / {@code wasla.whatsapp.authentication-templates}.
 */
@ConfigurationProperties("wasla.whatsapp")
public record TemplateCategoryProperties(
    Map<String, Template> templates,
    List<String> utilityTemplates,
    List<String> authenticationTemplates) {

  public record Template(String category) {}
}
