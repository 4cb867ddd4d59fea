package app.wasla.dialogue;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dialogues of src/test/resources/dialogues-transfer-details-unset with no InstaPay address and
 * no Vodafone Cash number set ({@code wasla.commerce.checkout.instapay} and {@code
 * wasla.commerce.checkout.vodafone-cash} empty), through the same real path as {@link
 * DialogueTest}: a customer who picks a transfer hears that a colleague will send its details and
 * is handed over.
 */
class TransferDetailsUnsetDialogueTest extends DialogueScenarios {

  @DynamicPropertySource
  static void noTransferDetails(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:dialogues-transfer-unset;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("wasla.commerce.checkout.instapay", () -> "");
    registry.add("wasla.commerce.checkout.vodafone-cash", () -> "");
  }

  @Override
  protected String folder() {
    return "dialogues-transfer-details-unset";
  }

  @Override
  protected String filter() {
    return "";
  }
}
