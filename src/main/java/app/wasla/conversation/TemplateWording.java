package app.wasla.conversation;

import app.wasla.channel.whatsapp.OutboundMessage;
import java.util.Optional;

/**
 * How a template send reads on the customer's phone (its header text, body with the parameters
 * filled in, footer and button labels), so that the inbox and the handoff form show what the
 * customer read rather than the template's name and parameters. Empty when the template list does
 * not know the template in that language.
 */
public interface TemplateWording {

  Optional<String> asRead(OutboundMessage.Template send);
}
