package app.wasla.notification;

import app.wasla.conversation.TemplateCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's templates, as if Meta had approved them: order notices in Arabic and English
 * (utility) and one marketing template.
 */
final class DemoTemplates {

  static final List<WhatsAppTemplate> ALL = build();

  private DemoTemplates() {}

  private static List<WhatsAppTemplate> build() {
    List<WhatsAppTemplate> all = new ArrayList<>();
    for (String language : List.of("ar", "en")) {
      // "Your order {{1}} is placed, total {{2}} EGP."
      all.add(utility("order_placed", language, 2, List.of()));
      // "Your order {{1}} is on its way: track it at {{2}}." [Track: https://track.example/{{1}}]
      all.add(
          utility(
              "order_shipped",
              language,
              2,
              List.of(new WhatsAppTemplate.Button(0, "URL", "Track", "url", true))));
      // "Your order {{1}} is out for delivery today."
      all.add(utility("out_for_delivery", language, 1, List.of()));
      // "Order {{1}}: {{2}} EGP are still due." [Pay: https://pay.example/{{1}}]
      all.add(
          utility(
              "payment_reminder",
              language,
              2,
              List.of(new WhatsAppTemplate.Button(0, "URL", "Pay", "url", true))));
      all.add(
          new WhatsAppTemplate(
              "new_arrivals",
              language,
              TemplateCategory.MARKETING,
              "APPROVED",
              0,
              List.of(),
              null,
              List.of(
                  new WhatsAppTemplate.Button(0, "QUICK_REPLY", "Show me", "quick_reply", false),
                  new WhatsAppTemplate.Button(
                      1, "QUICK_REPLY", "Stop promotions", "quick_reply", false))));
    }
    all.sort(
        java.util.Comparator.comparing(WhatsAppTemplate::name)
            .thenComparing(WhatsAppTemplate::language));
    return List.copyOf(all);
  }

  private static WhatsAppTemplate utility(
      String name, String language, int parameters, List<WhatsAppTemplate.Button> buttons) {
    return new WhatsAppTemplate(
        name, language, TemplateCategory.UTILITY, "APPROVED", parameters, List.of(), null, buttons);
  }
}
