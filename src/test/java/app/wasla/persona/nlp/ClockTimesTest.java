package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Times of day, where "ساعة" is the hour and not the watch, in the four registers. */
class ClockTimesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "الساعة الحادية عشرة صباحًا",
        "الساعة العاشرة",
        "الخامسة مساءً",
        "الساعة ١١ الصبح",
        "الساعه 5 العصر",
        "بكرة الساعة ٥ العصر",
        "الساعة خمسة ونص",
        "el sa3a 5",
        "sa3a 11 el sob7",
        "at 11am",
        "11 o'clock",
        "tomorrow 2pm"
      })
  void aTimeIsSaid(String text) {
    assertThat(ClockTimes.saysTime(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "بكام الساعة؟",
        "عايز ساعة ابل واتش",
        "الساعة اللي اشتريتها عليها ضمان كام سنة؟",
        "عايز اتنين",
        "el sa3a bkam?",
        "iphone 15 pro max",
        "بيرد ٢٤ ساعة"
      })
  void noTimeIsSaid(String text) {
    assertThat(ClockTimes.saysTime(text)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "' الساعه الحاديه عشره صباحا ' | ' الساعه 11 صباحا '",
        "' الخامسه مساءا ' | ' 5 مساءا '",
        "' el sa3a 5amsa ' | ' el sa3a 5 '",
        "' عايز اتنين ' | ' عايز اتنين '"
      })
  void hourWordsBecomeNumbers(String canonical, String expected) {
    assertThat(ClockTimes.hourDigits(canonical)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"الساعة ١١ الصبح | ١١ الصبح", "el sa3a 5 | 5", "بكام الساعة؟ | بكام الساعة؟"})
  void theHourWordIsLeftOutOfASearch(String text, String expected) {
    assertThat(ClockTimes.withoutHourWord(text)).isEqualTo(expected);
  }
}
