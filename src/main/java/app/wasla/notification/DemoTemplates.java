package app.wasla.notification;

import app.wasla.conversation.TemplateCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's templates, as if Meta had approved them: order notices in Arabic and English
 * (utility) and one marketing template, with the texts a customer's phone shows.
 */
final class DemoTemplates {

  /** The bodies by template and language, with their variables as Meta keeps them. */
  private static final Map<String, Map<String, String>> BODIES =
      Map.of(
          "order_placed",
          Map.of(
              "ar", "تم تسجيل طلبك {{1}}، الإجمالي {{2}} جنيه. شكرًا إنك اشتريت مننا!",
              "en", "Your order {{1}} is placed, total {{2}} EGP. Thank you for shopping with us!"),
          "order_shipped",
          Map.of(
              "ar", "طلبك {{1}} في الطريق ليك: تقدر تتابعه من {{2}}",
              "en", "Your order {{1}} is on its way: track it at {{2}}"),
          "out_for_delivery",
          Map.of(
              "ar", "طلبك {{1}} خرج للتوصيل النهارده.",
              "en", "Your order {{1}} is out for delivery today."),
          "payment_reminder",
          Map.of(
              "ar", "طلب {{1}}: لسه فاضل {{2}} جنيه محتاجين يتدفعوا.",
              "en", "Order {{1}}: {{2}} EGP are still due."),
          "new_arrivals",
          Map.of(
              "ar", "وصلتنا منتجات جديدة! دوس على Show me تشوفها وأسعارها.",
              "en", "New arrivals just landed! Tap Show me to see them and their prices."));

  static final List<WhatsAppTemplate> ALL = build();

  private DemoTemplates() {}

  private static List<WhatsAppTemplate> build() {
    List<WhatsAppTemplate> all = new ArrayList<>();
    for (String language : List.of("ar", "en")) {
      all.add(utility("order_placed", language, 2, List.of()));
      all.add(
          utility(
              "order_shipped",
              language,
              2,
              List.of(
                  new WhatsAppTemplate.Button(
                      0, "URL", "Track", "url", true, "https://track.example/{{1}}"))));
      all.add(utility("out_for_delivery", language, 1, List.of()));
      all.add(
          utility(
              "payment_reminder",
              language,
              2,
              List.of(
                  new WhatsAppTemplate.Button(
                      0, "URL", "Pay", "url", true, "https://pay.example/{{1}}"))));
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
                      1, "QUICK_REPLY", "Stop promotions", "quick_reply", false)),
              BODIES.get("new_arrivals").get(language),
              null));
    }
    all.sort(
        java.util.Comparator.comparing(WhatsAppTemplate::name)
            .thenComparing(WhatsAppTemplate::language));
    return List.copyOf(all);
  }

  private static WhatsAppTemplate utility(
      String name, String language, int parameters, List<WhatsAppTemplate.Button> buttons) {
    return new WhatsAppTemplate(
        name,
        language,
        TemplateCategory.UTILITY,
        "APPROVED",
        parameters,
        List.of(),
        null,
        buttons,
        BODIES.get(name).get(language),
        null);
  }
}
