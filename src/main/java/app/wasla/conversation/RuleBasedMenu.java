package app.wasla.conversation;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons.Button;
import java.util.List;
import java.util.Locale;

/**
 * A simple menu bot: greets with buttons and answers the menu's choices in Arabic or English. It is the
 * reply of the first conversation flow until the AI persona takes over.
 */
final class RuleBasedMenu {

  static final String PRODUCTS = "menu_products";
  static final String TRACK = "menu_order_status";
  static final String HUMAN = "menu_human";

  private RuleBasedMenu() {
  }

  /** The reply to one turn of the customer. */
  static OutboundMessage reply(String turnText, String replyId, boolean firstTurn, String customerName) {
    boolean arabic = turnText == null || containsArabic(turnText);
    String choice = replyId != null ? replyId : choiceFromText(turnText);
    if (firstTurn && choice == null) {
      return greeting(arabic, customerName);
    }
    if (PRODUCTS.equals(choice)) {
      return text(arabic
          ? "عندنا موبايلات وسماعات وشواحن وإكسسوارات. ابعت اسم المنتج اللي بتدور عليه وأنا أقولك السعر والمتاح 📱"
          : "We have phones, headphones, chargers and accessories. Send me the product you're looking for and I'll tell you the price and stock 📱");
    }
    if (TRACK.equals(choice)) {
      return text(arabic
          ? "ابعتلي رقم الطلب (مثلاً #12345) وأنا أتابعه لك."
          : "Send me your order number (e.g. #12345) and I'll check it for you.");
    }
    if (HUMAN.equals(choice)) {
      return text(arabic
          ? "تمام، حد من فريقنا هيكلمك في أقرب وقت 🙏"
          : "Sure, someone from our team will get back to you shortly 🙏");
    }
    return menu(arabic);
  }

  private static OutboundMessage greeting(boolean arabic, String name) {
    String who = name == null || name.isBlank() ? "" : " " + name;
    String body = arabic
        ? "أهلاً بيك" + who + " في متجر النيل 👋 أقدر أساعدك إزاي؟"
        : "Hi" + who + ", welcome to Nile Store 👋 How can I help you?";
    return buttons(body, arabic);
  }

  private static OutboundMessage menu(boolean arabic) {
    String body = arabic
        ? "وصلتني رسالتك 👍 اختار من دول أو اكتبلي سؤالك:"
        : "Got your message 👍 Pick one of these or type your question:";
    return buttons(body, arabic);
  }

  private static OutboundMessage buttons(String body, boolean arabic) {
    return new ReplyButtons(body, List.of(
        new Button(PRODUCTS, arabic ? "المنتجات والأسعار" : "Products & prices"),
        new Button(TRACK, arabic ? "تتبع طلب" : "Track an order"),
        new Button(HUMAN, arabic ? "كلم موظف" : "Talk to a person")), null, null);
  }

  private static OutboundMessage text(String body) {
    return new OutboundMessage.Text(body, false);
  }

  private static String choiceFromText(String text) {
    if (text == null) {
      return null;
    }
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("موظف") || t.contains("human") || t.contains("agent") || t.contains("7ad")) {
      return HUMAN;
    }
    if (t.contains("طلب") || t.contains("track") || t.contains("order")) {
      return TRACK;
    }
    if (t.contains("سعر") || t.contains("بكام") || t.contains("price") || t.contains("product")) {
      return PRODUCTS;
    }
    return null;
  }

  static boolean containsArabic(String s) {
    return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
  }
}
