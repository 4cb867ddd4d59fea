package app.wasla.commerce.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductMatcherTest {

  private static final List<ProductMatcher.Name> NAMES =
      List.of(
          new ProductMatcher.Name("IP15", "ايفون 15"),
          new ProductMatcher.Name("IP15PM", "ايفون 15 برو ماكس"),
          new ProductMatcher.Name("APP2", "ايربودز برو"),
          new ProductMatcher.Name("APP2", "AirPods Pro"));

  @Test
  void aNameWithTheArticleAndAConjunctionOrPrepositionWrittenOntoItIsFound() {
    assertThat(ProductMatcher.match("طب والايفون 15 بكام؟", NAMES)).containsExactly("IP15");
    assertThat(ProductMatcher.match("جراب للايفون ١٥", NAMES)).containsExactly("IP15");
    assertThat(ProductMatcher.match("مهتم بالايفون 15", NAMES)).containsExactly("IP15");
    assertThat(ProductMatcher.match("الايفون 15 متوفر؟", NAMES)).containsExactly("IP15");
  }

  @Test
  void theLongestNameWinsAndEnglishIsMatchedWholeWord() {
    assertThat(ProductMatcher.match("عايز ايفون 15 برو ماكس", NAMES))
        .containsExactly("IP15PM", "IP15");
    assertThat(ProductMatcher.match("how much are the airpods pro?", NAMES))
        .containsExactly("APP2");
    assertThat(ProductMatcher.match("airpods professional", NAMES)).isEmpty();
  }
}
