package app.wasla.commerce.shipment;

import app.wasla.commerce.order.Order;

/**
 * What a shipment event says to the customer, in the four forms Wasla writes: Egyptian Arabic (0),
 * MSA (1), Arabizi (2), English (3).
 */
public final class ShipmentTexts {

  private ShipmentTexts() {}

  /** The form of a language tag as the CRM and the persona keep it; Egyptian when unknown. */
  public static int form(String language) {
    if (language == null) {
      return 0;
    }
    return switch (language) {
      case "ar" -> 1;
      case "arabizi" -> 2;
      case "en" -> 3;
      default -> 0;
    };
  }

  /** The update a customer gets when the event arrives. */
  static String update(Order order, ShipmentEvent event, int form) {
    boolean arabicScript = form < 2;
    String product = arabicScript ? order.productNameAr() : order.productNameEn();
    String head =
        pick(form, "طلبك ", "طلبك ", "El order ", "Your order ")
            + order.id()
            + " ("
            + product
            + "): ";
    String text = head + status(event, form) + ".";
    if (event.trackingUrl() != null) {
      text +=
          "\n"
              + pick(
                  form, "تتبّعه من هنا: ", "تابعه من هنا: ", "Tab3o men hena: ", "Track it here: ")
              + event.trackingUrl();
    }
    return text;
  }

  /**
   * The latest event in a sentence ("out for delivery"), for the answer to "where is my order?".
   */
  public static String status(ShipmentEvent event, int form) {
    return switch (event.kind()) {
      case ShipmentEvent.PICKED_UP ->
          pick(
              form,
              "المندوب استلمه من المخزن وفي الطريق",
              "استلمه المندوب من المخزن وهو في الطريق",
              "el mandoub estalamo w fel tari2",
              "picked up by the courier and on its way");
      case ShipmentEvent.OUT_FOR_DELIVERY ->
          pick(
              form,
              "خرج مع المندوب للتوصيل وهيوصلك النهارده",
              "خرج مع المندوب للتوصيل ويصلك اليوم",
              "kharag ma3 el mandoub lel tawsil w hayewsalak el naharda",
              "out for delivery with the courier, arriving today");
      case ShipmentEvent.DELIVERED ->
          pick(
              form,
              "اتسلّم، بالهنا والشفا 🎉",
              "تم تسليمه 🎉",
              "etsallem, bel hana 🎉",
              "delivered 🎉");
      default -> event.kind();
    };
  }

  /** The name of the courier's location pin. */
  public static String courierPin(int form) {
    return courier(form);
  }

  static String courier(int form) {
    return pick(
        form, "مكان المندوب دلوقتي", "موقع المندوب الآن", "Makan el mandoub", "Courier's location");
  }

  private static String pick(
      int form, String egyptian, String msa, String arabizi, String english) {
    return switch (form) {
      case 1 -> msa;
      case 2 -> arabizi;
      case 3 -> english;
      default -> egyptian;
    };
  }
}
