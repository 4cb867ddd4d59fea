package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.persona.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

  private final LanguageDetector detector = new LanguageDetector();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "عايز اعرف الشاحن ده بكام|AR_EG|AR_EG",
        "هل يمكنني معرفة سعر الهاتف؟|AR|AR",
        "3ayez a3raf el se3r|ARABIZI|ARABIZI",
        "momken 7ad yeklemny|ARABIZI|ARABIZI",
        "Where is my order?|EN|EN",
        "عايز اعمل order للـ charger|MIXED|AR_EG",
        "please cancel my booking بكرة|MIXED|EN",
        "ايه الفرق بين الA55 والA15|AR_EG|AR_EG",
        "لدي شكوى: وصلني الهاتف مكسور الشاشة وأطالب بحل فوري|AR|AR",
        "الموبايل وصلني مكسور|AR_EG|AR_EG",
        // Gulf words are MSA markers: a Gulf customer is answered in MSA
        "أبغى أطلبها|AR|AR",
        "وش سعر الشاحن الحين|AR|AR",
        "أبغى سماعة جالاكسي بادز FE الحين|MIXED|AR",
      })
  void detects(String text, Language language, Language reply) {
    LanguageDetector.Detection d = detector.detect(TextView.of(text));
    assertThat(d.language()).isEqualTo(language);
    assertThat(d.replyLanguage()).isEqualTo(reply);
  }
}
