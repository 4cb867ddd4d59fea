package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextViewTest {

  @Test
  void withoutDropsTheWordsAPatternMatchesAsMatchesReadsThem() {
    TextView text = TextView.of("السلام عليكم، الايفون ١٥ بكام؟");
    // a phrase, its last word by prefix
    assertThat(text.without(List.of("السلام عليك")).tokens())
        .containsExactly("الايفون", "15", "بكام");
    // a word by prefix, and through its stem ("والجمعه" is "جمعه" without its clitic)
    assertThat(TextView.of("hii there").without(List.of("hi")).tokens()).containsExactly("there");
    assertThat(TextView.of("والجمعة؟ تمام").without(List.of("جمعه$")).tokens())
        .containsExactly("تمام");
    // a word that must be whole ($) keeps a longer one
    assertThat(TextView.of("hii there").without(List.of("hi$")).tokens())
        .containsExactly("hii", "there");
    // nothing matched: the same text
    assertThat(text.without(List.of("hello"))).isSameAs(text);
    // whatever without drops, matches had found
    for (String pattern : List.of("السلام عليك", "عليكم$", "بكام", "hello")) {
      assertThat(text.without(List.of(pattern)) != text).isEqualTo(text.matches(pattern));
    }
  }
}
