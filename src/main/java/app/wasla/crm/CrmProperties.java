package app.wasla.crm;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wasla.crm.*}.
 *
 * @param tagRulesPath the tag DMN (file system first, classpath fallback)
 * @param optOutKeywords whole messages that opt a customer out of marketing; null: the defaults
 * @param optInKeywords whole messages that opt back in; null: the defaults
 * @param consentPhrases the words of an opt-out or opt-in in the customer's own words ({@link
 *     ConsentPhrases}); null or a list left out: the defaults
 * @param erasureSecret the HMAC key of erased customers' pseudonyms ({@link Pseudonyms}); none:
 *     random per run
 * @param marketingRequiresOptIn whether a marketing template needs a recorded opt-in (START, or
 *     consent the business recorded through the API) on every path, not only in campaigns; true by
 *     default (WhatsApp's policy); false only for a business that keeps consent elsewhere
 */
@ConfigurationProperties("wasla.crm")
public record CrmProperties(
    String tagRulesPath,
    List<String> optOutKeywords,
    List<String> optInKeywords,
    String erasureSecret,
    ConsentPhrases consentPhrases,
    Boolean marketingRequiresOptIn) {

  public CrmProperties {
    marketingRequiresOptIn = marketingRequiresOptIn == null || marketingRequiresOptIn;
    tagRulesPath =
        tagRulesPath == null || tagRulesPath.isBlank() ? TagRules.DEFAULT_PATH : tagRulesPath;
  }

  @Override
  public String toString() {
    return "CrmProperties[tagRulesPath="
        + tagRulesPath
        + ", erasureSecret="
        + (erasureSecret == null || erasureSecret.isBlank() ? "(none)" : "****")
        + "]";
  }

  ConsentKeywords consentKeywords() {
    return new ConsentKeywords(
        optOutKeywords == null || optOutKeywords.isEmpty()
            ? ConsentKeywords.DEFAULT_OPT_OUT
            : optOutKeywords,
        optInKeywords == null || optInKeywords.isEmpty()
            ? ConsentKeywords.DEFAULT_OPT_IN
            : optInKeywords,
        consentPhrases == null ? ConsentPhrases.defaults() : consentPhrases);
  }
}
