package app.wasla.commerce.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Days, times, yes/no, services and branches as customers write them, in four registers. */
class BookingAnswersTest {

  /** A Saturday. */
  static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

  static final List<BookingOptions.Service> SERVICES =
      List.of(
          new BookingOptions.Service(
              "REPAIR_CHECK", "Free repair check-up", "فحص صيانة مجاني", BigDecimal.ZERO),
          new BookingOptions.Service(
              "SCREEN_IP15",
              "iPhone 15 screen replacement",
              "تغيير شاشة آيفون ١٥",
              BigDecimal.valueOf(9500)),
          new BookingOptions.Service(
              "BATTERY_SAMSUNG",
              "Samsung battery replacement",
              "تغيير بطارية سامسونج",
              BigDecimal.valueOf(900)),
          new BookingOptions.Service(
              "GLASS_FIT",
              "Screen protector fitting",
              "تركيب اسكرينة حماية",
              BigDecimal.valueOf(50)));
  static final List<BookingOptions.Branch> BRANCHES =
      List.of(
          new BookingOptions.Branch("CAI", "Cairo (Nasr City)", "القاهرة (مدينة نصر)"),
          new BookingOptions.Branch("ALX", "Alexandria (Smouha)", "إسكندرية (سموحة)"));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "الخميس | 2026-12-10",
        "يوم الخميس | 2026-12-10",
        "أريد حجز موعد لإصلاح الهاتف يوم الخميس | 2026-12-10",
        "الخميس الساعة ٢ | 2026-12-10",
        "بكرة | 2026-12-06",
        "عايز اغير ميعاد الحجز لبكرة الساعة ٦ | 2026-12-06",
        "انقله للخميس | 2026-12-10",
        "بكره الساعه 5 | 2026-12-06",
        "غداً من فضلك | 2026-12-06",
        "bokra | 2026-12-06",
        "bukra el sa3a 3 | 2026-12-06",
        "next Sunday | 2026-12-06",
        "el sabt | 2026-12-12",
        "yom el khamis | 2026-12-10",
        "ba3d bokra | 2026-12-07",
        "بعد بكرة | 2026-12-07",
        "يوم الاتنين | 2026-12-07",
        "الثلاثاء | 2026-12-08",
        "Wednesday afternoon | 2026-12-09",
        "12/12 | 2026-12-12",
        "١٥/١٢ | 2026-12-15",
        "3/1 | 2027-01-03",
        "2026-12-20 | 2026-12-20",
        "20 December | 2026-12-20",
        "النهارده | 2026-12-05",
        "today please | 2026-12-05"
      })
  void daysInWords(String text, LocalDate expected) {
    assertThat(BookingAnswers.day(text, TODAY)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"عايز اعرف سعر الايفون", "اتنين ايربودز", "تلات قطع", "I had a problem", "ok"})
  void noDayWhereThereIsNone(String text) {
    assertThat(BookingAnswers.day(text, TODAY)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "الخميس الساعة ٢ | 14:00",
        "الساعه 2 ونص | 14:30",
        "الساعة ١١ الصبح | 11:00",
        "الساعة 12 | 12:00",
        "على 6 بالليل | 18:00",
        "4:30 pm | 16:30",
        "at 5pm | 17:00",
        "10 am | 10:00",
        "el sa3a 3 | 15:00",
        "17:30 | 17:30",
        "٧ م | 19:00",
        "do you have something around 7pm? | 19:00",
        "Thursday 7 pm | 19:00"
      })
  void timesOfDay(String text, LocalTime expected) {
    assertThat(BookingAnswers.time(text)).isEqualTo(expected);
  }

  /** The hour said in words or before a part of the day, in the four registers. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "الساعة الحادية عشرة صباحًا | 11:00",
        "الساعة العاشرة | 10:00",
        "الخامسة مساءً | 17:00",
        "الساعة الثانية عشرة ظهرًا | 12:00",
        "الساعة الرابعة والنصف عصرًا | 16:30",
        "الساعة ١١ الصبح | 11:00",
        "الساعه 5 العصر | 17:00",
        "بكرة الساعة ٥ العصر | 17:00",
        "الساعة خمسة ونص | 17:30",
        "الساعة حداشر | 11:00",
        "فرع اسكندرية بكرة الساعة ٥ | 17:00",
        "١١ الصبح | 11:00",
        "el sa3a 5 | 17:00",
        "sa3a 11 el sob7 | 11:00",
        "elsa3a 7edashar | 11:00",
        "5 el 3asr | 17:00",
        "at 11am | 11:00",
        "11 o'clock | 11:00",
        "tomorrow 2pm | 14:00",
        "at eleven | 11:00"
      })
  void hoursInWordsAndPartsOfTheDay(String text, LocalTime expected) {
    assertThat(BookingAnswers.time(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "الخميس",
        "12/12",
        "iphone 15 pro max",
        "2 airpods",
        "عايز اتنين",
        "الساعة بكام؟",
        "ساعة ابل واتش",
        "الاتنين الجاي"
      })
  void noTimeWhereThereIsNone(String text) {
    assertThat(BookingAnswers.time(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ايوه | true", "أيوة أكد | true", "تمام | true", "نعم | true", "yes please | true",
            "aywa | true",
        "tamam | true", "ok | true", "لا | false", "لأ خليه | false", "la2 | false",
            "no thanks | false",
        "لا مش عايز | false", "فين الفرع؟ | ", "where is the branch | "
      })
  void yesOrNo(String text, Boolean expected) {
    assertThat(BookingAnswers.yesOrNo(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "عايز اغير الشاشة | ",
        "عايز اغير شاشة الايفون | SCREEN_IP15",
        "تغيير بطارية | ",
        "battarya samsung | BATTERY_SAMSUNG",
        "تغيير بطارية سامسونج | BATTERY_SAMSUNG",
        "Free repair check-up | REPAIR_CHECK",
        "أريد حجز موعد لفحص صيانة | REPAIR_CHECK",
        "how much is the iPhone 15? | ",
        "screen replacement | ",
        "iphone screen replacement | SCREEN_IP15",
        "screen protector | GLASS_FIT",
        "تركيب اسكرينة | GLASS_FIT",
        "فحص | REPAIR_CHECK",
        "check-up | REPAIR_CHECK",
        "أريد حجز موعد لإصلاح الهاتف يوم الخميس | ",
        "عايز احجز ميعاد | ",
        "عايز احجز ميعاد صيانة بكرة | ",
        "I want to book a repair appointment | ",
        "3ayez a7gez ma3ad seyana bokra | "
      })
  void services(String text, String expected) {
    assertThat(BookingAnswers.service(text, SERVICES)).isEqualTo(expected);
  }

  /** Answering the list of services just shown, "the screen" is the one screen service listed. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "عايز اغير الشاشة | SCREEN_IP15",
        "تغيير بطارية | BATTERY_SAMSUNG",
        "screen replacement | SCREEN_IP15",
        "battarya | BATTERY_SAMSUNG"
      })
  void servicesAnsweringTheList(String text, String expected) {
    assertThat(BookingAnswers.service(text, SERVICES, true)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "القاهرة | CAI",
        "فرع مدينة نصر | CAI",
        "cairo | CAI",
        "el far3 fe nasr city | CAI",
        "اسكندرية | ALX",
        "الإسكندرية | ALX",
        "alex | ALX",
        "smouha | ALX",
        "الخميس | "
      })
  void branches(String text, String expected) {
    assertThat(BookingAnswers.branch(text, BRANCHES)).isEqualTo(expected);
  }

  @Test
  void cancelWords() {
    assertThat(BookingAnswers.cancelWord("الغيه")).isTrue();
    assertThat(BookingAnswers.cancelWord("cancel it")).isTrue();
    assertThat(BookingAnswers.cancelWord("ايوه")).isFalse();
  }

  /** A price asked of a service of the list, in the four registers; a choice is no question. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "howa el kashf b kam? | REPAIR_CHECK",
        "الكشف بكام؟ | REPAIR_CHECK",
        "كم سعر الفحص؟ | REPAIR_CHECK",
        "how much is the check-up? | REPAIR_CHECK",
        "is the checkup free? | REPAIR_CHECK",
        "el kashf bbalash? | REPAIR_CHECK",
        "تغيير بطارية سامسونج بكام؟ | BATTERY_SAMSUNG",
        "الشاشة بكام؟ | SCREEN_IP15",
        "Free repair check-up | ",
        "الكشف المجاني | ",
        "kashf | ",
        "بكام الايفون ١٥؟ | ",
        "الساعة بكام؟ | "
      })
  void pricesAskedOfTheServices(String text, String expected) {
    List<String> asked =
        BookingAnswers.pricesAsked(text, SERVICES).stream()
            .map(BookingOptions.Service::code)
            .toList();
    assertThat(asked).isEqualTo(expected == null ? List.of() : List.of(expected));
  }

  /** The day after "instead of" is the one given up; the other is kept. TODAY is a Saturday. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "خليها يوم الخميس بدل بكره (نفس الساعه) | 2026-12-10",
        "khaleeha el khamis badal bokra | 2026-12-10",
        "khaleeha el khamis badal el sabt, nafs el ma3ad | 2026-12-10",
        "badal el sabt khaleeha el khamis | 2026-12-10",
        "move it to thursday instead of tomorrow, same time | 2026-12-10",
        "أرجو نقله إلى يوم الخميس بدلاً من الغد في نفس الموعد | 2026-12-10",
        "بدل يوم الاتنين خليها الخميس | 2026-12-10",
        "الاتنين بدل بعد بكره | 2026-12-07",
        "saturday instead of next sunday | 2026-12-12",
        "الخميس مش بكره | 2026-12-10",
        "مش هقدر بكره | 2026-12-06",
        "ينفع بكره بدل النهارده | 2026-12-06",
      })
  void theDayInsteadOfAnother(String text, LocalDate day) {
    assertThat(BookingAnswers.day(text, TODAY)).isEqualTo(day);
  }

  @Test
  void sameTimeKeepsTheTime() {
    assertThat(BookingAnswers.sameTime("خليها يوم الخميس بدل بكره (نفس الساعه)")).isTrue();
    assertThat(BookingAnswers.sameTime("khaleeha el khamis badal bokra, nafs el ma3ad")).isTrue();
    assertThat(BookingAnswers.sameTime("thursday instead, same time")).isTrue();
    assertThat(BookingAnswers.sameTime("في نفس الموعد من فضلك")).isTrue();
    assertThat(BookingAnswers.sameTime("الخميس الساعة ٥")).isFalse();
    assertThat(BookingAnswers.sameTime("نفس الساعه بس الساعة ٦")).isFalse();
  }

  @Test
  void aPhoneWithoutAServiceOfItsOwnIsUnlisted() {
    // a Samsung screen: the iPhone 15 screen is not for it, even answering the list
    assertThat(BookingAnswers.service("سامسونج A54 والشاشه مشروخه", SERVICES, true)).isNull();
    assertThat(BookingAnswers.service("samsung a54 w el shasha mashrou5a", SERVICES, true))
        .isNull();
    BookingAnswers.Unlisted u =
        BookingAnswers.unlisted("سامسونج A54 والشاشه مشروخه", SERVICES, true);
    assertThat(u).isNotNull();
    assertThat(u.makeArabic()).isEqualTo("سامسونج");
    assertThat(u.model()).isEqualTo("A54");
    assertThat(u.part()).isEqualTo("screen");
    assertThat(BookingAnswers.unlisted("samsung a54, the screen is cracked", SERVICES, false))
        .isNotNull();
    // a fault of an unnamed phone is unlisted only as an answer to the list
    assertThat(BookingAnswers.unlisted("الموبايل مش بيشحن", SERVICES, true)).isNotNull();
    assertThat(BookingAnswers.unlisted("الموبايل مش بيشحن", SERVICES, false)).isNull();
    // a service that fits is no unlisted phone
    assertThat(BookingAnswers.unlisted("شاشة ايفون ١٥ مكسورة", SERVICES, true)).isNull();
    assertThat(BookingAnswers.unlisted("بطارية سامسونج A54 بايظة", SERVICES, false)).isNull();
    assertThat(BookingAnswers.service("الشاشة", SERVICES, true)).isEqualTo("SCREEN_IP15");
    assertThat(BookingAnswers.checkUp(SERVICES).code()).isEqualTo("REPAIR_CHECK");
  }
}
