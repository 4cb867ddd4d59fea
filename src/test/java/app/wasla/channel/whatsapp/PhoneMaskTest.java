package app.wasla.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

  @Test
  void numbersInMetasErrorTextAreMaskedHoweverTheyAreWritten() {
    String error =
        "Message undeliverable to +20 100 444 0001, also 20-1004-440001, 2010.0444.0001, (20)1004440001, "
            + "2 0 1 0 0 4 4 4 0 0 0 1 and 201004440001";
    String masked = PhoneMask.maskDigitRuns(error);
    assertThat(masked)
        .doesNotContain("100 444")
        .doesNotContain("1004-44")
        .doesNotContain("0444.")
        .doesNotContain("1004440001")
        .doesNotContain("0 0 4 4 4")
        .doesNotContain("201004")
        .contains("Message undeliverable to ")
        .contains("0001");
  }

  @Test
  void shortNumbersSuchAsErrorCodesStay() {
    assertThat(PhoneMask.maskDigitRuns("(#131026) error 130429, retry in 30 s"))
        .isEqualTo("(#131026) error 130429, retry in 30 s");
  }
}
