package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The fill factor key refuses, by name, what PostgreSQL would refuse (applied:
 * MailboxPostgresTest).
 */
class EngineSchemaTest {

  @Test
  void aFillFactorOutsideTenToOneHundredIsRefusedByName() {
    assertThatThrownBy(() -> new EngineSchema(null, 9))
        .hasMessage("wasla.database.engine-fill-factor must be between 10 and 100, was 9");
    assertThatThrownBy(() -> new EngineSchema(null, 101))
        .hasMessageContaining("wasla.database.engine-fill-factor");
    assertThatCode(() -> new EngineSchema(null, 10)).doesNotThrowAnyException();
    assertThatCode(() -> new EngineSchema(null, 100)).doesNotThrowAnyException();
  }
}
