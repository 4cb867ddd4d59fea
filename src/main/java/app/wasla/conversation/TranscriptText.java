package app.wasla.conversation;

import app.wasla.channel.whatsapp.OutboundMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The line a sent message leaves in the transcript. A template the template list knows is written
 * as the customer read it, after its name ({@code [template order_shipped] Your order ...}), and
 * kept as sent: a template edited later does not rewrite what the customer was told.
 */
@Component
class TranscriptText {

  private final ObjectProvider<TemplateWording> wording;

  TranscriptText(ObjectProvider<TemplateWording> wording) {
    this.wording = wording;
  }

  String of(OutboundMessage message) {
    if (message instanceof OutboundMessage.Template template) {
      TemplateWording known = wording.getIfAvailable();
      if (known != null) {
        return known
            .asRead(template)
            .map(read -> "[template " + template.name() + "] " + read)
            .orElseGet(message::transcriptText);
      }
    }
    return message.transcriptText();
  }
}
