package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Them" compared with no list sent: the two products last talked about, one price card after the
 * other; "which one has the better camera?" sets them side by side for the camera.
 */
class ComparedThemTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult afterLines(String text, TranscriptLine... lines) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(lines), null, 0, null, null));
  }

  private static TranscriptLine customer(String text) {
    return new TranscriptLine(true, text, Instant.now());
  }

  private static TranscriptLine bot(String text) {
    return new TranscriptLine(false, text, Instant.now());
  }

  private static final TranscriptLine[] TWO_CARDS_AR = {
    customer("بكام الايفون ١٥؟"),
    bot("سعر آيفون ١٥ ١٢٨ جيجا: 47,999 جنيه.\nمتوفر في: القاهرة (مدينة نصر)، إسكندرية (سموحة)."),
    customer("و الS24؟"),
    bot("سعر سامسونج جالاكسي S24: 42,999 جنيه.\nمتوفر في: القاهرة (مدينة نصر)، إسكندرية (سموحة).")
  };

  private static final TranscriptLine[] TWO_CARDS_EN = {
    customer("Hi, how much is the Galaxy S24?"),
    bot("Samsung Galaxy S24 costs 42,999 EGP.\nIn stock: Cairo (Nasr City), Alexandria (Smouha)."),
    customer("and the iPhone 15?"),
    bot("iPhone 15 128GB costs 47,999 EGP.\nIn stock: Cairo (Nasr City), Alexandria (Smouha).")
  };

  @Test
  void themAfterTwoCardsAreTheTwoProducts() {
    for (Object[] c :
        new Object[][] {
          {"ايه الفرق بينهم؟", TWO_CARDS_AR},
          {"الأول أحسن ولا التاني؟", TWO_CARDS_AR},
          {"el fara2 eh?", TWO_CARDS_EN},
          {"compare them", TWO_CARDS_EN},
          {"which one has the better camera?", TWO_CARDS_EN},
        }) {
      PersonaResult r = afterLines((String) c[0], (TranscriptLine[]) c[1]);
      assertThat(r.handoff()).as(c[0] + " " + r.summary()).isFalse();
      assertThat(r.intent()).as(c[0] + " " + r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.reply().text())
          .as(c[0] + " " + r.summary())
          .contains("47,999")
          .contains("42,999");
    }
    PersonaResult camera = afterLines("which one has the better camera?", TWO_CARDS_EN);
    assertThat(camera.reply().text()).contains("telephoto").contains("for the camera");
    // one product talked about is no "them"
    PersonaResult one = afterLines("el fara2 eh?", TWO_CARDS_EN[2], TWO_CARDS_EN[3]);
    assertThat(one.reply().text()).doesNotContain("42,999");
  }
}
