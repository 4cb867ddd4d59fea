package app.wasla.channel.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the transport by {@code wasla.whatsapp.mode} and builds the webhook parser. */
@Configuration(proxyBeanMethods = false)
class WhatsAppConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppConfiguration.class);

  @Bean
  WhatsAppTransport whatsAppTransport(WhatsAppProperties props, ObjectMapper json) {
    if (props.sandbox()) {
      log.info("WhatsApp in sandbox mode: messages stay in Wasla, the simulator is at /simulator");
      return new SandboxTransport();
    }
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(props.connectTimeout())
        .readTimeout(props.readTimeout())
        .callTimeout(props.readTimeout().plus(props.connectTimeout()))
        .build();
    log.info("WhatsApp in cloud mode against {}", props.apiBaseUrl());
    return new CloudApiTransport(new CloudApiClient(http, json, props));
  }

  @Bean
  WebhookPayloadParser webhookPayloadParser(ObjectMapper json) {
    return new WebhookPayloadParser(json);
  }
}
