package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the persona makes of a turn of media without words. */
class MediaTurnsTest {

  @Test
  void markersAloneAreMediaTurnsAndWordsBesideThemAreRead() {
    assertThat(MediaTurns.kindOf(List.of("[image]"))).isEqualTo(MediaTurns.Kind.PHOTO);
    assertThat(MediaTurns.kindOf(List.of("[voice note]"))).isEqualTo(MediaTurns.Kind.VOICE);
    assertThat(MediaTurns.kindOf(List.of("[document: invoice.pdf]")))
        .isEqualTo(MediaTurns.Kind.FILE);
    assertThat(MediaTurns.kindOf(List.of("📍 Nasr City (30.0561, 31.33)")))
        .isEqualTo(MediaTurns.Kind.LOCATION);
    // a photo and a voice note in one burst: the voice note is what needs an answer
    assertThat(MediaTurns.kindOf(List.of("[image]", "[voice note]")))
        .isEqualTo(MediaTurns.Kind.VOICE);
    // a caption, or words in the same burst, are the customer's words
    assertThat(MediaTurns.kindOf(List.of("الشاشة مكسورة كده"))).isNull();
    assertThat(MediaTurns.kindOf(List.of("[image]", "بكام ده؟"))).isNull();
    assertThat(MediaTurns.words(List.of("[image]", "بكام ده؟"))).containsExactly("بكام ده؟");
    // a typed pin before an address is the customer's words, not a shared location
    assertThat(MediaTurns.kindOf(List.of("📍 شارع عباس العقاد، مدينة نصر"))).isNull();
    assertThat(MediaTurns.kindOf(List.of("📍 (30.0561, 31.33)")))
        .isEqualTo(MediaTurns.Kind.LOCATION);
  }

  @Test
  void aPhotoIsAskedAboutInTheCustomersRegister() {
    assertThat(reply(MediaTurns.Kind.PHOTO, Language.AR_EG, null)).contains("وصلتني الصورة");
    assertThat(reply(MediaTurns.Kind.PHOTO, Language.AR, null)).contains("بماذا يمكنني");
    assertThat(reply(MediaTurns.Kind.PHOTO, Language.ARABIZI, null)).contains("Wesletny el soura");
    assertThat(reply(MediaTurns.Kind.PHOTO, Language.EN, null)).contains("Got your photo");
    assertThat(reply(MediaTurns.Kind.VIDEO, Language.EN, null)).contains("Got your video");
    // mixed or unknown: Egyptian, the store's own
    assertThat(reply(MediaTurns.Kind.PHOTO, Language.MIXED, null)).contains("وصلتني الصورة");
  }

  @Test
  void aPhotoInASupportCaseGoesToAPersonWithTheCaseIntent() {
    PersonaResult r =
        MediaTurns.respond(MediaTurns.Kind.PHOTO, Language.EN, Intents.COMPLAINT, 0, false);
    assertThat(r.handoff()).isTrue();
    assertThat(r.intent()).isEqualTo(Intents.COMPLAINT);
    assertThat(r.reply().text()).contains("colleague");
    assertThat(
            MediaTurns.respond(MediaTurns.Kind.PHOTO, Language.EN, Intents.GREETING, 0, false)
                .handoff())
        .isFalse();
  }

  @Test
  void voiceNotesWaitForTheirTranscriptOrAskToTypeThenGoToAPerson() {
    PersonaResult waiting =
        MediaTurns.respond(MediaTurns.Kind.VOICE, Language.AR_EG, null, 1, true);
    assertThat(waiting.reply()).isNull();
    assertThat(waiting.handoff()).isFalse();
    PersonaResult first = MediaTurns.respond(MediaTurns.Kind.VOICE, Language.EN, null, 1, false);
    assertThat(first.reply().text()).contains("type");
    assertThat(first.handoff()).isFalse();
    PersonaResult second =
        MediaTurns.respond(MediaTurns.Kind.VOICE_UNTRANSCRIBED, Language.EN, null, 2, true);
    assertThat(second.handoff()).isTrue();
    assertThat(second.handoffReason()).isEqualTo("voice notes");
  }

  @Test
  void aLocationOutsideCheckoutIsThankedNotSentToTheSalesFlows() {
    PersonaResult r =
        MediaTurns.respond(MediaTurns.Kind.LOCATION, Language.ARABIZI, null, 0, false);
    assertThat(r.intent()).isEqualTo(Intents.OTHER);
    assertThat(r.reply().text()).contains("location");
    assertThat(r.handoff()).isFalse();
  }

  private static String reply(MediaTurns.Kind kind, Language language, String previousIntent) {
    return MediaTurns.respond(kind, language, previousIntent, 0, false).reply().text();
  }
}
