package app.wasla.commerce.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The store's delivery zones and fees (the playbook's "delivery-fees": Cairo and Giza, Alexandria,
 * Delta and Canal, Upper Egypt), free above a threshold; finds the zone of an address written in
 * Arabic, English or Arabizi, or of a shared WhatsApp location.
 */
public final class DeliveryZones {

  /** A zone: its code, names to show, and the fee in EGP. */
  public record Zone(String code, String nameAr, String nameEn, BigDecimal feeEgp) {}

  private static final Map<String, List<String>> PLACES =
      Map.of(
          "cairo",
              List.of(
                  "القاهره",
                  "القاهرة",
                  "الجيزه",
                  "جيزه",
                  "مدينه نصر",
                  "مدينة نصر",
                  "مصر الجديده",
                  "المعادي",
                  "معادي",
                  "الزمالك",
                  "الدقي",
                  "المهندسين",
                  "التجمع",
                  "القاهره الجديده",
                  "اكتوبر",
                  "الشيخ زايد",
                  "الهرم",
                  "فيصل",
                  "شبرا",
                  "حلوان",
                  "العباسيه",
                  "وسط البلد",
                  "المقطم",
                  "الرحاب",
                  "مدينتي",
                  "عين شمس",
                  "المطريه",
                  "cairo",
                  "giza",
                  "nasr city",
                  "heliopolis",
                  "maadi",
                  "zamalek",
                  "dokki",
                  "mohandessin",
                  "mohandseen",
                  "new cairo",
                  "tagamoa",
                  "tagamo3",
                  "october",
                  "sheikh zayed",
                  "zayed",
                  "haram",
                  "faisal",
                  "shubra",
                  "shobra",
                  "helwan",
                  "mokattam",
                  "rehab",
                  "madinaty",
                  "downtown",
                  "kahera",
                  "el kahera",
                  "madinet nasr",
                  "masr el gdida",
                  "masr el gedida",
                  "el maadi",
                  "el giza",
                  "gizah",
                  "el tagamo3",
                  "nasr"),
          "alexandria",
              List.of(
                  "اسكندريه",
                  "الاسكندريه",
                  "إسكندرية",
                  "سموحه",
                  "سيدي جابر",
                  "ميامي",
                  "المنتزه",
                  "العجمي",
                  "محطه الرمل",
                  "سيدي بشر",
                  "alexandria",
                  "alex",
                  "smouha",
                  "sidi gaber",
                  "miami",
                  "montaza",
                  "agami",
                  "eskendereya",
                  "eskenderia",
                  "iskandariya",
                  "eskendria",
                  "sidi bishr"),
          "delta",
              List.of(
                  "المنصوره",
                  "طنطا",
                  "الزقازيق",
                  "بورسعيد",
                  "بور سعيد",
                  "الاسماعيليه",
                  "السويس",
                  "الدقهليه",
                  "الغربيه",
                  "الشرقيه",
                  "المنوفيه",
                  "شبين الكوم",
                  "دمياط",
                  "كفر الشيخ",
                  "البحيره",
                  "دمنهور",
                  "بنها",
                  "القليوبيه",
                  "mansoura",
                  "tanta",
                  "zagazig",
                  "port said",
                  "portsaid",
                  "ismailia",
                  "suez",
                  "damietta",
                  "dakahlia",
                  "gharbia",
                  "sharqia",
                  "sharkia",
                  "menoufia",
                  "monufia",
                  "kafr el sheikh",
                  "beheira",
                  "damanhour",
                  "banha",
                  "benha",
                  "qalyubia",
                  "el mansoura",
                  "el zagazig",
                  "el ismailia"),
          "upper",
              List.of(
                  "اسيوط",
                  "سوهاج",
                  "قنا",
                  "الاقصر",
                  "اسوان",
                  "المنيا",
                  "بني سويف",
                  "الفيوم",
                  "الصعيد",
                  "assiut",
                  "asyut",
                  "assyout",
                  "sohag",
                  "qena",
                  "luxor",
                  "aswan",
                  "minya",
                  "menya",
                  "beni suef",
                  "fayoum",
                  "faiyum",
                  "upper egypt",
                  "el se3id",
                  "se3id",
                  "asyot",
                  "el minya",
                  "el fayoum",
                  "el louxor"));

  private final List<Zone> zones;
  private final BigDecimal freeAbove;

  public DeliveryZones(
      BigDecimal cairo,
      BigDecimal alexandria,
      BigDecimal delta,
      BigDecimal upper,
      BigDecimal freeAbove) {
    this.zones =
        List.of(
            new Zone("cairo", "القاهرة والجيزة", "Cairo and Giza", cairo),
            new Zone("alexandria", "إسكندرية", "Alexandria", alexandria),
            new Zone("delta", "الدلتا والقناة", "Delta and Canal", delta),
            new Zone("upper", "الصعيد", "Upper Egypt", upper));
    this.freeAbove = freeAbove;
  }

  public List<Zone> zones() {
    return zones;
  }

  public BigDecimal freeAbove() {
    return freeAbove;
  }

  /**
   * The working days a delivery to the zone takes, as the playbook's delivery passage says ("1-2");
   * the whole range for a zone not known.
   */
  public static String days(String code) {
    return switch (code == null ? "" : code) {
      case "cairo", "alexandria" -> "1-2";
      case "delta" -> "2-3";
      case "upper" -> "3-5";
      default -> "1-5";
    };
  }

  public java.util.Optional<Zone> zone(String code) {
    return zones.stream().filter(z -> z.code().equals(code)).findFirst();
  }

  /** The zone an address names (the most specific place wins: "مدينة نصر" before "نصر"), if any. */
  public java.util.Optional<Zone> find(String address) {
    String text = CheckoutWords.fold(address);
    String best = null;
    int bestLength = 0;
    for (Map.Entry<String, List<String>> e : PLACES.entrySet()) {
      for (String place : e.getValue()) {
        String p = CheckoutWords.fold(place);
        if (!p.isBlank() && text.contains(p) && p.length() > bestLength) {
          best = e.getKey();
          bestLength = p.length();
        }
      }
    }
    return best == null ? java.util.Optional.empty() : zone(best);
  }

  /**
   * Whether a shared location lies in Egypt, by the country's bounding box (22-31.7 N, 24.7-36.9
   * E): the shop delivers within Egypt only.
   */
  public static boolean inEgypt(double latitude, double longitude) {
    return latitude >= 21.7 && latitude <= 31.7 && longitude >= 24.6 && longitude <= 37.0;
  }

  /** The zone of a shared location, by rough boxes around the governorates it serves. */
  public java.util.Optional<Zone> find(double latitude, double longitude) {
    String code;
    if (latitude >= 29.7 && latitude <= 30.35 && longitude >= 30.8 && longitude <= 31.8) {
      code = "cairo";
    } else if (latitude >= 30.85 && latitude <= 31.35 && longitude >= 29.5 && longitude <= 30.15) {
      code = "alexandria";
    } else if (latitude > 30.35 && latitude <= 31.65 && longitude > 30.15 && longitude <= 32.7
        || latitude >= 29.8 && latitude <= 30.35 && longitude > 31.8 && longitude <= 32.7) {
      code = "delta";
    } else if (latitude >= 22.0 && latitude < 29.7 && longitude >= 29.0 && longitude <= 33.5) {
      code = "upper";
    } else {
      return java.util.Optional.empty();
    }
    return zone(code);
  }

  /** The fee for goods worth {@code goods} to the zone: nothing above the threshold. */
  public BigDecimal fee(Zone zone, BigDecimal goods) {
    return goods.compareTo(freeAbove) > 0 ? BigDecimal.ZERO : zone.feeEgp();
  }

  /**
   * "📍 Nasr City (30.0561, 31.33)" as the mailbox renders a shared location: its coordinates, or
   * null.
   */
  public static double[] coordinates(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "\\((-?\\d{1,2}(?:\\.\\d+)?),\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\)")
            .matcher(text == null ? "" : text);
    return m.find()
        ? new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))}
        : null;
  }
}
