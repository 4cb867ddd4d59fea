package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxPropertiesTest {

  private final OutboxProperties props =
      new OutboxProperties(
          5,
          Duration.ofSeconds(5),
          Duration.ofSeconds(60),
          Duration.ofSeconds(2),
          8,
          Duration.ofSeconds(15),
          10000);

  @Test
  void theWaitDoublesWithEachFailedSendUpToAnHour() {
    assertThat(props.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(props.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(props.backoffAfter(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(props.backoffAfter(30)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void atLeastOneAttemptIsRequired() {
    assertThatThrownBy(
            () ->
                new OutboxProperties(
                    0,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(2),
                    8,
                    Duration.ofSeconds(15),
                    10000))
        .hasMessageContaining("wasla.outbox.attempts");
  }
}
