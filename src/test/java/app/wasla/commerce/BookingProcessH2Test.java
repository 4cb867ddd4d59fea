package app.wasla.commerce;

import org.springframework.boot.test.context.SpringBootTest;

/** The booking flow's scenarios on H2. */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:booking-flow;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      "wasla.commerce.booking.reminder-template=appointment_reminder",
      "wasla.whatsapp.utility-templates=appointment_reminder"
    })
class BookingProcessH2Test extends BookingProcessScenarios {}
