package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What takes back a request for a person while it waits, and what the bot answers next. */
class HandoffWithdrawalTest {

  @Test
  void noNeedForCustomerServiceWithdrawsAndLeavesTheQuestion() {
    var w =
        HandoffWithdrawal.read(
            "no wait i dont need customer service lol i just asked if u sell tablets");
    assertThat(w).isPresent();
    assertThat(w.get().rest()).contains("sell tablets").doesNotContain("customer service");
  }

  @Test
  void aGulfNoNeedWithdrawsAndLeavesTheOrder() {
    var w = HandoffWithdrawal.read("خلاص ما يحتاج، أبي أطلب سماعة جالكسي بودز");
    assertThat(w).isPresent();
    assertThat(w.get().rest()).isEqualTo("أبي أطلب سماعة جالكسي بودز");
  }

  @Test
  void noSuchOrderWithdrawsOnlyABigOrdersHandoff() {
    String what =
        "wait what order?? i didnt order anything, i'm just asking which is better for tiktok and pics";
    assertThat(HandoffWithdrawal.read(what, "big deal")).isPresent();
    assertThat(HandoffWithdrawal.read(what, "big deal").get().rest())
        .isEqualTo("i'm just asking which is better for tiktok and pics");
    assertThat(HandoffWithdrawal.read("no no not a big order 😂 just 1 watch", "big deal"))
        .isPresent();
    // beside a complaint, "I didn't order anything" is the complaint itself
    assertThat(HandoffWithdrawal.read(what, "complaint")).isEmpty();
    assertThat(HandoffWithdrawal.read("they charged me and i didnt order anything", null))
        .isEmpty();
  }

  @Test
  void aQuestionOrAnOrderCancelledIsNoWithdrawal() {
    assertThat(HandoffWithdrawal.read("الغي الاوردر ORD-12003")).isEmpty();
    assertThat(HandoffWithdrawal.read("ما يشتغل الجهاز")).isEmpty();
    assertThat(HandoffWithdrawal.read("مش عايز حد خلاص")).isPresent();
  }
}
