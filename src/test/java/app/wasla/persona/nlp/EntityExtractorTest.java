package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.persona.Entities;
import app.wasla.persona.playbook.PlaybookLoader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

  private static final EntityExtractor EXTRACTOR =
      new EntityExtractor(PlaybookLoader.loadDefault().products());

  private static EntityExtractor.Found of(String text) {
    return EXTRACTOR.extract(TextView.of(text));
  }

  @Test
  void productsAndQuantityWithArabicIndicDigits() {
    EntityExtractor.Found f = of("عاوز اخد ٣ ايفون ١٥ للشركة");
    assertThat(f.entities().products()).containsExactly("iPhone 15 128GB");
    assertThat(f.entities().quantity()).isEqualTo(3);
    assertThat(f.orderValue()).isEqualByComparingTo("143997");
  }

  @Test
  void longestProductNameWinsAndModelNumbersAreNotQuantities() {
    Entities e = of("Do you have the iPhone 15 Pro Max in stock?").entities();
    assertThat(e.products()).containsExactly("iPhone 15 Pro Max 256GB");
    assertThat(e.quantity()).isNull();
  }

  @Test
  void aProductNamedByItsLineOrBrandAloneIsTheOneTheCatalogueHas() {
    assertThat(of("I want the Reno specifically").entities().products())
        .containsExactly("Oppo Reno 11");
    assertThat(of("عايز الرينو بالذات").entities().products()).containsExactly("Oppo Reno 11");
    assertThat(of("3ayez el reno bkam?").entities().products()).containsExactly("Oppo Reno 11");
    assertThat(of("الفليب متوفر؟").entities().products()).containsExactly("JBL Flip 6");
    assertThat(of("عايز ابل ووتش").entities().products()).containsExactly("Apple Watch SE");
    // a generation the catalogue lacks is not its Reno 11
    assertThat(of("do you have the oppo reno 12?").entities().products()).isEmpty();
    assertThat(of("رينو ١٢ بكام").entities().products()).isEmpty();
  }

  @Test
  void numberWordsAndArabizi() {
    assertThat(of("أريد طلب خمسة هواتف سامسونج A55").entities().quantity()).isEqualTo(5);
    assertThat(of("can i order two screen protectors").entities().quantity()).isEqualTo(2);
    assertThat(of("3ayez atlob 10 JBL flip 6").entities().products()).containsExactly("JBL Flip 6");
  }

  @Test
  void anOrdersValueIsEachProductsPriceTimesItsOwnQuantity() {
    // two products, each once: Reno 11 18,999 + Galaxy Buds FE 3,299 ("plus" joins them; it is
    // not a "Reno 11 Plus")
    assertThat(of("I want the Reno 11 plus the Galaxy Buds FE").orderValue())
        .isEqualByComparingTo("22298");
    assertThat(of("اريد اوبو رينو ١١ وسماعة جالاكسي بودز FE").orderValue())
        .isEqualByComparingTo("22298");
    // a quantity before each product: 2 × 5,999 + 3 × 13,999 (the 6 of "فليب ٦" is its name's)
    EntityExtractor.Found gifts = of("٢ JBL فليب ٦ و٣ ساعات ابل SE هدايا اخر السنة للفريق");
    assertThat(gifts.products())
        .extracting(p -> p.sku())
        .containsExactlyInAnyOrder("JBLF6", "AWSE");
    assertThat(gifts.orderValue()).isEqualByComparingTo("53995");
    // one quantity before several products is the one product's it precedes
    assertThat(of("I want 2 Galaxy A55 and a case").orderValue()).isEqualByComparingTo("39247");
    assertThat(of("عايز ٢ جراب واسكرينه").orderValue()).isEqualByComparingTo("647");
    assertThat(of("عايز اتنين ايفون ١٥ واربعة جرابات").orderValue()).isEqualByComparingTo("96994");
    // a quantity after the product, with "عدد", in words, in Arabizi
    assertThat(of("أريد ايفون ١٥ عدد ٢ مع التوصيل للقاهرة").orderValue())
        .isEqualByComparingTo("95998");
    assertThat(of("أريد ثلاثة هواتف جالاكسي A55 لأبنائي، هل يوجد خصم على الكمية؟").orderValue())
        .isEqualByComparingTo("58497");
    assertThat(of("Need 3 Galaxy A55 for my kids, any discount if I take all 3?").orderValue())
        .isEqualByComparingTo("58497");
    assertThat(of("3ayez talata galaxy a55").orderValue()).isEqualByComparingTo("58497");
    assertThat(of("محتاجين arba3a apple watch se").orderValue()).isEqualByComparingTo("55996");
    assertThat(of("طلب لعيادتنا: ٤ ساعات ابل SE للطاقم الطبي").orderValue())
        .isEqualByComparingTo("55996");
  }

  @Test
  void storageSizesModelNumbersAndAddressesAreNoQuantities() {
    EntityExtractor.Found proMax = of("iPhone 15 Pro Max 256");
    assertThat(proMax.entities().quantity()).isNull();
    assertThat(proMax.orderValue()).isEqualByComparingTo("72999");
    assertThat(of("I want a Galaxy A55 and a case").orderValue()).isEqualByComparingTo("19748");
    EntityExtractor.Found home = of("عنواني ١٥ شارع التحرير الدور ٣ وعايز جراب");
    assertThat(home.entities().quantity()).isNull();
    assertThat(home.orderValue()).isEqualByComparingTo("249");
    assertThat(of("send a case to 12 Qazwaq Street, building 4").orderValue())
        .isEqualByComparingTo("249");
  }

  @Test
  void accessoryForAPhoneDoesNotBuyThePhone() {
    EntityExtractor.Found f = of("can I buy a case and a screen protector for my iPhone 15");
    assertThat(f.orderValue()).isEqualByComparingTo("398");
  }

  @Test
  void references() {
    assertThat(of("الاوردر بتاعي رقم #48213 وصل لفين؟").entities().reference()).isEqualTo("#48213");
    assertThat(of("أين وصل طلبي رقم ORD-77120؟").entities().reference()).isEqualTo("ORD-77120");
    assertThat(of("ممكن اغير معاد الحجز BK-2291").entities().reference()).isEqualTo("BK-2291");
    assertThat(of("el order bta3y fen? rakamo 55102").entities().reference()).isEqualTo("55102");
  }

  @Test
  void datesTimesAndMoney() {
    Entities e = of("ينفع احجز بكرة الساعة ٥ العصر؟").entities();
    assertThat(e.dateTime()).contains("بكره").contains("الساعه 5");
    assertThat(e.quantity()).isNull();
    assertThat(of("can I schedule a visit tomorrow at 5pm?").entities().dateTime())
        .contains("tomorrow")
        .contains("5pm");
    assertThat(of("ميزانيتي 15000 جنيه").entities().amount())
        .isEqualByComparingTo(new BigDecimal("15000"));
    assertThat(of("في حدود ١٠ الاف").entities().amount()).isEqualByComparingTo("10000");
    assertThat(of("I paid EGP 2,500").entities().amount()).isEqualByComparingTo("2500");
  }
}
