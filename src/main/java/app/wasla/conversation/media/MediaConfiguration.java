package app.wasla.conversation.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The media store, the rules on types and sizes, and the transcription endpoint if configured. */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

  @Bean
  MediaStore mediaStore(MediaProperties props, Clock clock) {
    if ("s3".equals(props.store())) {
      return S3MediaStore.of(props.s3(), clock);
    }
    return new FileMediaStore(Path.of(props.folder()), clock);
  }

  @Bean
  MediaRules mediaRules(MediaProperties props) {
    return new MediaRules(props);
  }

  @Bean
  PhotoDescribers photoDescribers(MediaProperties props, ObjectMapper json) {
    return new PhotoDescribers(
        props.vision().enabled() ? new PhotoDescriber(props.vision(), json) : null);
  }

  @Bean
  Transcribers transcribers(MediaProperties props, ObjectMapper json) {
    return new Transcribers(
        props.transcription().enabled()
            ? new OpenAiTranscriber(props.transcription(), json)
            : null);
  }
}
