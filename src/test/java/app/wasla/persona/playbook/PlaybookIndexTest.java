package app.wasla.persona.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookIndexTest {

  private static final Playbook PLAYBOOK = PlaybookLoader.loadDefault();
  private static final PlaybookIndex INDEX = new PlaybookIndex(PLAYBOOK);

  @Test
  void defaultPlaybookHasPassagesInBothLanguagesAndACatalogue() {
    assertThat(PLAYBOOK.passages())
        .extracting(Passage::id)
        .contains(
            "hours",
            "branches",
            "delivery-fees",
            "returns",
            "warranty",
            "payment-methods",
            "tone-of-voice");
    assertThat(PLAYBOOK.passages())
        .allSatisfy(
            p -> {
              assertThat(p.ar()).isNotBlank();
              assertThat(p.en()).isNotBlank();
            });
    assertThat(PLAYBOOK.products()).hasSizeGreaterThanOrEqualTo(15);
  }

  @Test
  void anArabicQuestionFindsTheDeliveryFeePassage() {
    assertThat(INDEX.search("التوصيل للمنصورة بكام؟", "other", 3).get(0).passage().id())
        .isEqualTo("delivery-fees");
    assertThat(INDEX.search("كم تكلفة الشحن إلى أسيوط؟", null, 3).get(0).passage().id())
        .isEqualTo("delivery-fees");
    assertThat(INDEX.search("delivery fees to Giza?", null, 3).get(0).passage().id())
        .isEqualTo("delivery-fees");
    assertThat(INDEX.search("el tawsil l tanta b kam?", null, 3).get(0).passage().id())
        .isEqualTo("delivery-fees");
  }

  @Test
  void otherTopics() {
    assertThat(INDEX.search("ينفع ادفع فودافون كاش؟", "payment", 3).get(0).passage().id())
        .isEqualTo("payment-methods");
    assertThat(INDEX.search("what's your return policy?", null, 3).get(0).passage().id())
        .isEqualTo("returns");
    assertThat(INDEX.search("مواعيدكوا ايه يوم الجمعة", null, 3).get(0).passage().id())
        .isEqualTo("hours");
  }

  @Test
  void aLongRepetitiveTextIsSearchedWithItsDistinctTermsOnly() {
    // 680 × "phone" were 1,360 clauses, beyond Lucene's limit of 1,024 (TooManyClauses)
    assertThat(INDEX.search("phone ".repeat(680), "product_inquiry", 3)).isNotNull();
    assertThat(INDEX.queryTerms("phone ".repeat(680))).hasSize(1);
    assertThat(INDEX.search("delivery fees to Giza? ".repeat(200), null, 3).get(0).passage().id())
        .isEqualTo("delivery-fees");
  }

  @Test
  void manyDistinctTermsAreCappedAndTheFirstOnesKept() {
    StringBuilder text = new StringBuilder("delivery fees to Giza");
    for (int i = 0; i < 2000; i++) {
      text.append(" word").append(Integer.toString(i, 36).replaceAll("[0-9]", "x"));
    }
    assertThat(INDEX.queryTerms(text.toString()))
        .hasSize(PlaybookIndex.MAX_QUERY_TERMS)
        .startsWith(INDEX.analyze("delivery fees to Giza").toArray(String[]::new));
    assertThat(INDEX.search(text.toString(), null, 3))
        .first()
        .satisfies(h -> assertThat(h.passage().id()).isEqualTo("delivery-fees"));
  }

  @Test
  void loadsAFileSystemFolder(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("faq.md"),
        """
                ## parking
                intent: other
                keywords: parking ركن
                ### ar
                فيه جراج قدام الفرع.
                ### en
                There is a car park in front of the branch.
                """);
    Playbook pb = PlaybookLoader.load("file:" + dir);
    assertThat(pb.passages())
        .singleElement()
        .satisfies(p -> assertThat(p.id()).isEqualTo("parking"));
    assertThat(new PlaybookIndex(pb).search("where can I park", null, 1)).isNotNull();
  }
}
