package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arabizi's usual spellings of one word fold into one canonical spelling; English words and model
 * codes do not.
 */
class ArabiziTest {

  private static void sameWord(String... spellings) {
    String first = Arabizi.canonical(spellings[0]);
    for (String s : spellings) {
      assertThat(Arabizi.canonical(s)).as(s).isEqualTo(first);
    }
  }

  @Test
  void spellingVariantsFoldTogether() {
    sameWord("3ayez", "3ayz", "3awez", "3awz", "3aiz");
    sameWord("sha7n", "shahn", "cha7n", "chahn"); // 7/h and sh/ch
    sameWord("a2dar", "adar"); // 2/a
    sameWord("5alas", "khalas", "khalaas"); // 5/kh, doubled vowels
    sameWord("mawa3id", "mawa3eed", "mawa3ed"); // i/e, doubled vowels
    sameWord("el", "al", "il"); // the article
    sameWord("bkam", "bekam", "bikam");
    sameWord("bokra", "bukra", "bokraa");
    sameWord("tawsil", "tawseel", "tawsel");
    sameWord("sa3a", "elsa3a", "elsaa3a"); // the article written onto its word
    sameWord("fatora", "elfatora", "welfatoora", "elfatoura");
    sameWord("far3", "elfar3");
    sameWord("5arban", "kharban", "kharbaan"); // 5/kh and doubled vowels
    sameWord("m7tag", "mhtag", "m7taag");
    sameWord("siyana", "siana", "syana", "sayana", "elsiana"); // the repair centre
    sameWord("sha7n", "shi7n", "shehn", "elshi7n"); // shipping
  }

  @Test
  void theCancelWordsAndShortWordsKeepTheirArticleLikeStart() {
    for (String w : List.of("elghy", "elghi", "elly", "ela", "else", "elsewhere")) {
      assertThat(Arabizi.canonical(w)).as(w).startsWith("el");
    }
  }

  @Test
  void englishWordsModelCodesAndArabicStayAsTheyAre() {
    for (String w : List.of("charger", "much", "hi", "which", "a55", "s24", "25w", "15", "الشحن")) {
      assertThat(Arabizi.canonical(w)).as(w).isEqualTo(w);
    }
  }

  @Test
  void aLexiconPatternMatchesEverySpellingOfItsWords() {
    // the intents lexicon has "mawa3ed" and "ta2seet"; customers spell them in many ways
    for (String text :
        List.of("mawa3id el 3amal", "mawa3eed el shoghl", "fe ta2sit?", "fi ta2seet?")) {
      TextView view = TextView.of(text);
      assertThat(view.matches("mawa3ed") || view.matches("ta2seet")).as(text).isTrue();
    }
  }
}
