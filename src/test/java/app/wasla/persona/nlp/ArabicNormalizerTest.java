package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArabicNormalizerTest {

  @ParameterizedTest
  @CsvSource({
    "أريد إلغاء آخر طلب,اريد الغاء اخر طلب",
    "مستشفى القاهرة,مستشفي القاهره",
    "شكـــــرا,شكرا",
    "مَرْحَبًا,مرحبا",
    "رقم ٣٤٥٦٧,رقم 34567",
    "رقم ۳۴۵,رقم 345",
    "ﻻ يعمل,لا يعمل",
    "حلوووو,حلو",
    "pleeease,please",
    "ممكن,ممكن",
    "الA55,ال a55",
    "Hello WORLD,hello world",
    "مسؤول وشاطئ,مسوول وشاطي",
    "1000 جنيه,1000 جنيه",
  })
  void folds(String in, String out) {
    assertThat(ArabicNormalizer.normalize(in)).isEqualTo(out);
  }
}
