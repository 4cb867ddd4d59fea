package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from outside in log lines and in the names agents see. */
class OutsideTextTest {

  @Test
  void aLogLineEscapesLineBreaksAndFormatCharacters() {
    assertThat(LogSafe.oneLine("Evt\u202eDEGROF4\r\nforged\u2066x\u200by"))
        .isEqualTo("Evt\\u202eDEGROF4\\r\\nforged\\u2066x\\u200by");
  }

  @Test
  void aShownNameLosesBidiOverridesButKeepsArabicMarks() {
    assertThat(Fit.withoutBidiControls("Mona\u202eevil\u2067x\u2069")).isEqualTo("Monaevilx");
    assertThat(Fit.withoutBidiControls("منى\u200f\u200cعلي")).isEqualTo("منى\u200f\u200cعلي");
    assertThat(Fit.withoutBidiControls(null)).isNull();
  }
}
