package app.wasla.conversation;

import org.springframework.stereotype.Component;

/**
 * Template categories from configuration: {@code wasla.whatsapp.templates.<name>.category=UTILITY}
 * or the lists {@code wasla.whatsapp.utility-templates} and {@code
 * wasla.whatsapp.authentication-templates}. Every other template is MARKETING.
 */
@Component
class ConfiguredTemplateCategories implements TemplateCategories {

  private final TemplateCategoryProperties declared;

  ConfiguredTemplateCategories(TemplateCategoryProperties declared) {
    this.declared = declared;
  }

  @Override
  public TemplateCategory declared(String templateName) {
    if (templateName == null) {
      return TemplateCategory.MARKETING;
    }
    if (declared.templates() != null) {
      TemplateCategoryProperties.Template t = declared.templates().get(templateName);
      if (t != null) {
        return TemplateCategory.of(t.category());
      }
    }
    if (declared.utilityTemplates() != null && declared.utilityTemplates().contains(templateName)) {
      return TemplateCategory.UTILITY;
    }
    if (declared.authenticationTemplates() != null
        && declared.authenticationTemplates().contains(templateName)) {
      return TemplateCategory.AUTHENTICATION;
    }
    return TemplateCategory.MARKETING;
  }
}
