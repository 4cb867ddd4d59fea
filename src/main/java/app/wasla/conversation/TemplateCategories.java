package app.wasla.conversation;

/**
 * The categories the operator (or, later, Meta's template API) vouches for. A caller's word on a
 * template's category is never enough to skip the marketing opt-out: only a template this source
 * declares UTILITY or AUTHENTICATION counts as such.
 */
public interface TemplateCategories {

  /** The category declared for the template, MARKETING if none is. */
  TemplateCategory declared(String templateName);

  /**
   * The category to enforce: the declared one, unless the caller says MARKETING (stricter); a
   * caller can never make a template looser than declared.
   */
  default TemplateCategory effective(String templateName, String callerCategory) {
    TemplateCategory declared = declared(templateName);
    if (callerCategory != null
        && TemplateCategory.of(callerCategory) == TemplateCategory.MARKETING) {
      return TemplateCategory.MARKETING;
    }
    return declared;
  }
}
