package app.wasla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Wasla: a company's WhatsApp number as the execution interface of its sales, one BPMN process per
 * conversation.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WaslaApplication {

  public static void main(String[] args) {
    SpringApplication.run(WaslaApplication.class, args);
  }
}
