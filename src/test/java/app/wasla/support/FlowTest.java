package app.wasla.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the flows on the engine, which steps messages, jobs and timers itself: the whole
 * application without the mailbox's workers, Camunda's job executor or a web server. Every class so
 * annotated shares one application context (Spring's test context cache keys it by these
 * properties), started once per test run instead of once per class; so they share one in-memory H2
 * too, and each class works on conversations and customers of its own. A class that needs another
 * property or bean gets a context of its own: give it one only when it must.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:flows;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      // the booking reminder's template, outside the 24-hour window (the booking tests)
      "wasla.commerce.booking.reminder-template=appointment_reminder",
      "wasla.whatsapp.utility-templates=appointment_reminder"
    })
public @interface FlowTest {}
