package app.wasla.channel.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the transport by {@code wasla.whatsapp.mode} and builds the webhook parser. */
@Configuration(proxyBeanMethods = false)
class WhatsAppConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppConfiguration.class);

  @Bean
  WhatsAppTransport whatsAppTransport(
      WhatsAppProperties props,
      ObjectMapper json,
      MediaSource media,
      ObjectProvider<OwnFiles> ownFiles) {
    if (props.sandbox() && media instanceof SandboxMediaSource sandboxMedia) {
      log.info("WhatsApp in sandbox mode: messages stay in Wasla, the simulator is at /simulator");
      return new SandboxTransport(sandboxMedia);
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            // Meta's Graph API speaks HTTP/2 (one connection, many sends at once); over HTTP/1.1 (a
            // proxy, the
            // benchmark's mock) each send in flight holds a connection: keep as many idle as the
            // outbox's default
            // senders instead of OkHttp's 5, so that a busy node does not reconnect for most sends
            .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
            .connectTimeout(props.connectTimeout())
            .readTimeout(props.readTimeout())
            .callTimeout(props.readTimeout().plus(props.connectTimeout()))
            .build();
    log.info("WhatsApp in cloud mode against {}", props.apiBaseUrl());
    // links Meta cannot fetch are read here and uploaded: Wasla's own files first (looked up at
    // send time, so the capabilities that serve them may depend on the transport)
    OkHttpClient downloads =
        new OkHttpClient.Builder()
            .connectTimeout(props.connectTimeout())
            .readTimeout(props.readTimeout())
            .callTimeout(props.readTimeout().plus(props.connectTimeout()))
            .build();
    return new CloudApiTransport(
        new CloudApiClient(http, json, props),
        new MediaLinks(downloads, () -> ownFiles.orderedStream().toList()));
  }

  /**
   * Where customers' media files come from: the simulator's uploads in sandbox mode, else the Cloud
   * API.
   */
  @Bean
  MediaSource mediaSource(WhatsAppProperties props, ObjectMapper json) {
    if (props.sandbox()) {
      return new SandboxMediaSource();
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(props.connectTimeout())
            .readTimeout(props.readTimeout())
            .build();
    return new CloudMediaSource(http, json, props);
  }

  @Bean
  WebhookPayloadParser webhookPayloadParser(ObjectMapper json) {
    return new WebhookPayloadParser(json);
  }
}
