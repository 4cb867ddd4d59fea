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
  void numberWordsAndArabizi() {
    assertThat(of("أريد طلب خمسة هواتف سامسونج A55").entities().quantity()).isEqualTo(5);
    assertThat(of("can i order two screen protectors").entities().quantity()).isEqualTo(2);
    assertThat(of("3ayez atlob 10 JBL flip 6").entities().products()).containsExactly("JBL Flip 6");
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
