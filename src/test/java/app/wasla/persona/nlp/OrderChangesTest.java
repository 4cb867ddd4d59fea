package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A change asked to a placed order, and a repair or appointment declined, in each register. */
class OrderChangesTest {

  @Test
  void aQuantityDeliveryTimeOrAddressChangeIsAnOrderChange() {
    assertThat(OrderChanges.asked("معلش ممكن اخليهم واحد بس بدل اتنين؟")).isTrue();
    assertThat(OrderChanges.asked("ينفع يوصل بكرة قبل الضهر؟ عشان هنزل الشغل")).isTrue();
    assertThat(
            OrderChanges.asked(
                "tab momken a8ayar el address? ana 3ayzo yewsal el sho8l msh el beit"))
        .isTrue();
    assertThat(
            OrderChanges.asked(
                "ana 3ayez a8ayar 3enwan el tawsil beta3 el order ORD-12007 le 20 shar3 gameat"
                    + " el dowal, mohandseen"))
        .isTrue();
    assertThat(OrderChanges.asked("هل يمكن تغيير عنوان التوصيل لطلبي؟")).isTrue();
    assertThat(OrderChanges.asked("can you make it 1 instead of 2?")).isTrue();
    assertThat(OrderChanges.asked("please deliver it to my office not my home")).isTrue();
    assertThat(OrderChanges.asked("can it be delivered tomorrow morning instead?")).isTrue();
  }

  @Test
  void payingCancellingBookingsAndQuestionsAreNotOrderChanges() {
    assertThat(OrderChanges.asked("عايز ادفع كاش عند الاستلام للطلب ORD-12003")).isFalse();
    assertThat(OrderChanges.asked("عايز الغي الطلب ده")).isFalse();
    assertThat(OrderChanges.asked("عايز اغير ميعاد الحجز لبكرة")).isFalse();
    assertThat(OrderChanges.asked("عايز اغير الشاشة")).isFalse();
    assertThat(OrderChanges.asked("التوصيل بياخد كام يوم؟")).isFalse();
    assertThat(OrderChanges.asked("لو طلبت النهارده يوصل بكرة؟")).isFalse();
    assertThat(OrderChanges.asked("الفرق بينهم ايه غير السعر")).isFalse();
    assertThat(OrderChanges.asked("ممكن تبعتلي لوكيشن الفرع؟")).isFalse();
    assertThat(OrderChanges.asked("kont 7agezt ma3ad seyana BK-5003 3ayez a3raf howa emta"))
        .isFalse();
    // "بطلب" is "I ask": an appointment asked again, no order
    assertThat(OrderChanges.asked("يا جماعة للمرة التالتة بطلب تغيير المعاد ومحدش بيرد!!"))
        .isFalse();
    // a new order with a wish for its delivery day is no change of a placed one
    assertThat(OrderChanges.asked("عايز أطلب Galaxy S24 لو سمحت وياريت يوصل بكرة")).isFalse();
    assertThat(OrderChanges.asked("I want to order the A55, can it arrive tomorrow?")).isFalse();
    assertThat(OrderChanges.asked("3ayez atlob el redmi momken yewsal bokra?")).isFalse();
  }

  @Test
  void noRepairWantedIsADeclinedBooking() {
    assertThat(OrderChanges.declinesABooking("لا مش عايز صيانة. الاوردر بتاعي فين؟")).isTrue();
    assertThat(OrderChanges.declinesABooking("يا عم مش عايز احجز حاجة!! سيبك من الصيانة")).isTrue();
    assertThat(OrderChanges.declinesABooking("msh 3ayez seyana")).isTrue();
    assertThat(OrderChanges.declinesABooking("I don't want a repair")).isTrue();
    assertThat(OrderChanges.declinesABooking("لا أريد حجز موعد")).isTrue();
    assertThat(OrderChanges.declinesABooking("عايز احجز ميعاد صيانة")).isFalse();
    assertThat(OrderChanges.declinesABooking("مش عارف اختار ميعاد")).isFalse();
    assertThat(OrderChanges.declinesABooking("ما هو موعد فتح الفرع؟")).isFalse();
  }

  @Test
  void anAddressChangeGivesTheNewAddressWhenItNamesOne() {
    assertThat(
            OrderChanges.newAddress(
                "ana 3ayez a8ayar el 3enwan le 20 shar3 gameat el dowal, mohandseen"))
        .isEqualTo("20 shar3 gameat el dowal, mohandseen");
    assertThat(OrderChanges.newAddress("please change the address to 5 Tahrir St, Dokki"))
        .isEqualTo("5 Tahrir St, Dokki");
    assertThat(OrderChanges.newAddress("tab momken a8ayar el address?")).isNull();
    assertThat(OrderChanges.addressChangeAsked("tab momken a8ayar el address?")).isTrue();
    assertThat(OrderChanges.addressChangeAsked("5 shar3 el thawra, el dokki, giza")).isFalse();
  }
}
