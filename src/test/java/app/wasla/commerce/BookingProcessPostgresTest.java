package app.wasla.commerce;

import app.wasla.support.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The booking flow's scenarios on a real PostgreSQL ({@link
 * app.wasla.support.PostgresTestDatabase}).
 */
@SpringBootTest(
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      "wasla.commerce.booking.reminder-template=appointment_reminder",
      "wasla.whatsapp.utility-templates=appointment_reminder"
    })
class BookingProcessPostgresTest extends BookingProcessScenarios {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> PostgresTestDatabase.url("wasla_booking_flow", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
