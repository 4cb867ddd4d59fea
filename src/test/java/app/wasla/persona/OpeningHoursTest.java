package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.persona.handoff.DmnHandoffRules;
import app.wasla.persona.nlp.IntentClassifier;
import app.wasla.persona.playbook.PlaybookLoader;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Are you open now?" is answered from the clock and the playbook's hours (Saturday to Thursday 10
 * am to 11 pm, Friday 2 pm to 11 pm, Cairo time).
 */
class OpeningHoursTest {

  private static final OpeningHours HOURS =
      OpeningHours.parse(
          "We're open Saturday to Thursday 10 am to 11 pm and Friday 2 pm to 11 pm, in both"
              + " branches.");

  private static ZonedDateTime cairo(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, OpeningHours.CAIRO);
  }

  @Test
  void openOnASaturdayNoonUntilEleven() {
    OpeningHours.Status s = HOURS.at(cairo(2026, 12, 5, 12, 0)); // a Saturday
    assertThat(s.open()).isTrue();
    assertThat(s.time()).isEqualTo(LocalTime.of(23, 0));
  }

  @Test
  void fridayMorningOpensTodayAtTwo() {
    OpeningHours.Status s = HOURS.at(cairo(2026, 12, 11, 11, 0)); // a Friday
    assertThat(s.open()).isFalse();
    assertThat(s.inDays()).isZero();
    assertThat(s.time()).isEqualTo(LocalTime.of(14, 0));
  }

  @Test
  void thursdayLateNightOpensTomorrowFridayAtTwo() {
    OpeningHours.Status s = HOURS.at(cairo(2026, 12, 10, 23, 30)); // a Thursday
    assertThat(s.open()).isFalse();
    assertThat(s.inDays()).isEqualTo(1);
    assertThat(s.day()).isEqualTo(DayOfWeek.FRIDAY);
    assertThat(s.time()).isEqualTo(LocalTime.of(14, 0));
  }

  private static EmbeddedPersona at(ZonedDateTime now) {
    return new EmbeddedPersona(
        "Nour",
        PlaybookLoader.loadDefault(),
        IntentClassifier.createDefault(),
        DmnHandoffRules.load(),
        Map.of(),
        Clock.fixed(now.toInstant(), OpeningHours.CAIRO));
  }

  @Test
  void thePersonaSaysOpenNowOrWhenItOpens() {
    EmbeddedPersona saturdayNoon = at(cairo(2026, 12, 5, 12, 0));
    PersonaResult open = saturdayNoon.respond(PersonaTurn.of("t", "انتو فاتحين دلوقتي؟"));
    assertThat(open.handoff()).isFalse();
    assertThat(open.reply().text()).contains("فاتحين دلوقتي لحد ١١ بالليل");

    EmbeddedPersona fridayMorning = at(cairo(2026, 12, 11, 9, 30));
    PersonaResult closed = fridayMorning.respond(PersonaTurn.of("t", "are you open now?"));
    assertThat(closed.reply().text()).contains("We're closed right now; we open today at 2 pm");

    // the hours asked without "now" are the passage alone
    assertThat(
            fridayMorning
                .respond(PersonaTurn.of("t", "what are your opening hours?"))
                .reply()
                .text())
        .doesNotContain("closed right now")
        .contains("Friday 2 pm to 11 pm");
  }
}
