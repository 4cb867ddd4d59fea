package app.wasla.commerce.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckoutWordsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "تمام هاخده",
        "خلاص هاخدها",
        "عايز اطلبه",
        "أريد طلبه من فضلك",
        "سآخذه",
        "ok i'll take it",
        "I'll take it!",
        "i want to order",
        "2 please",
        "اتنين من فضلك",
        "tamam ha5do",
        "hakhdo",
        "3ayez atlobo"
      })
  void takingTheOfferInEveryForm(String text) {
    assertThat(CheckoutWords.takesOffer(text)).as(text).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "التوصيل لمدينة نصر بكام؟",
        "where is my order ORD-12002?",
        "أريد طلبه الذي لم يصل",
        "what are your opening hours?",
        "بكام؟",
        "2",
        "el far3 fen?",
        "thanks"
      })
  void questionsAndComplaintsDoNotTakeTheOffer(String text) {
    assertThat(CheckoutWords.takesOffer(text)).as(text).isFalse();
  }

  @Test
  void quantitiesInDigitsWordsAndArabicIndicDigits() {
    assertThat(CheckoutWords.quantity("2 please")).isEqualTo(2);
    assertThat(CheckoutWords.quantity("٣")).isEqualTo(3);
    assertThat(CheckoutWords.quantity("اتنين")).isEqualTo(2);
    assertThat(CheckoutWords.quantity("etneen")).isEqualTo(2);
    assertThat(CheckoutWords.quantity("three of them")).isEqualTo(3);
    assertThat(CheckoutWords.quantity("0")).isNull();
    assertThat(
            CheckoutWords.quantity(
                "how many do you have in the alexandria branch right now please tell me"))
        .isNull();
    assertThat(CheckoutWords.quantity("ok")).isNull();
  }

  @Test
  void paymentDeliveryAndYesWords() {
    assertThat(CheckoutWords.cashOnDelivery("عايز ادفع عند الاستلام")).isTrue();
    assertThat(CheckoutWords.cashOnDelivery("cash on delivery please")).isTrue();
    assertThat(CheckoutWords.cashOnDelivery("3ayez adfa3 cash")).isTrue();
    assertThat(CheckoutWords.cashOnDelivery("pay online")).isFalse();
    assertThat(CheckoutWords.instalments("عايز اقسط")).isTrue();
    assertThat(CheckoutWords.instalments("ta2seet")).isTrue();
    assertThat(CheckoutWords.payOnline("بالفيزا"))
        .isFalse(); // joined article and preposition: not a whole word
    assertThat(CheckoutWords.payOnline("visa please")).isTrue();
    assertThat(CheckoutWords.pickup("هستلم من الفرع")).isTrue();
    assertThat(CheckoutWords.pickup("I'll pick it up")).isTrue();
    assertThat(CheckoutWords.delivery("توصيل للبيت")).isTrue();
    assertThat(CheckoutWords.delivery("هستلم من الفرع")).isFalse();
    assertThat(CheckoutWords.yes("تمام")).isTrue();
    assertThat(CheckoutWords.yes("aywa")).isTrue();
    assertThat(CheckoutWords.yes("مش تمام، الغيه")).isFalse();
    assertThat(CheckoutWords.cancel("الغي الطلب")).isTrue();
  }

  @Test
  void confirmPhrasingHoweverLongIsAConfirmation() {
    assertThat(CheckoutWords.confirms("ok go ahead and confirm my order")).isTrue();
    assertThat(CheckoutWords.confirms("tamam kamel el order")).isTrue();
    assertThat(CheckoutWords.confirms("ok kamel")).isTrue();
    assertThat(CheckoutWords.confirms("yes go ahead")).isTrue();
    assertThat(CheckoutWords.confirms("اكد الطلب بتاعي")).isTrue();
    assertThat(CheckoutWords.confirms("تمام كمل الطلب")).isTrue();
    assertThat(CheckoutWords.confirms("don't confirm it yet, I want to change the address"))
        .isFalse();
    assertThat(CheckoutWords.confirms("لا استنى متأكدش لسه")).isFalse();
    assertThat(CheckoutWords.confirms("can you confirm my order?")).isFalse();
    assertThat(CheckoutWords.confirms("tamam bas 3ayez as2al 3an el daman")).isFalse();
  }

  @Test
  void deliveryOrPickupBesideAWayToPay() {
    assertThat(CheckoutWords.fulfilmentBesidePayment("cash on delivery")).isNull();
    assertThat(CheckoutWords.fulfilmentBesidePayment("الدفع عند الاستلام")).isNull();
    assertThat(CheckoutWords.fulfilmentBesidePayment("cash 3and el estelam")).isNull();
    assertThat(CheckoutWords.fulfilmentBesidePayment("vodafone cash")).isNull();
    assertThat(CheckoutWords.fulfilmentBesidePayment("ديليفري والدفع عند الاستلام"))
        .isEqualTo("delivery");
    assertThat(CheckoutWords.fulfilmentBesidePayment("هستلم من الفرع وهدفع فودافون كاش"))
        .isEqualTo("pickup");
    assertThat(CheckoutWords.fulfilmentBesidePayment("delivery please, I'll pay by card"))
        .isEqualTo("delivery");
    assertThat(CheckoutWords.delivery("ديليفري")).isTrue();
    assertThat(CheckoutWords.card("فيزا")).isTrue();
    assertThat(CheckoutWords.card("card")).isTrue();
    assertThat(CheckoutWords.card("كاش")).isFalse();
  }

  private final DeliveryZones zones =
      new DeliveryZones(
          new BigDecimal("60"),
          new BigDecimal("70"),
          new BigDecimal("85"),
          new BigDecimal("110"),
          new BigDecimal("3000"));

  @Test
  void zonesFromAddressesInEveryFormAndFromCoordinates() {
    assertThat(zones.find("12 شارع مكرم عبيد، مدينة نصر").orElseThrow().code()).isEqualTo("cairo");
    assertThat(zones.find("5 Road 9, Maadi").orElseThrow().code()).isEqualTo("cairo");
    assertThat(zones.find("share3 fawzy moaz, smouha, eskendereya").orElseThrow().code())
        .isEqualTo("alexandria");
    assertThat(zones.find("المنصورة، شارع الجمهورية").orElseThrow().code()).isEqualTo("delta");
    assertThat(zones.find("Luxor, near the temple").orElseThrow().code()).isEqualTo("upper");
    assertThat(zones.find("somewhere nice")).isEmpty();
    assertThat(zones.find(30.0561, 31.33).orElseThrow().code()).isEqualTo("cairo");
    assertThat(zones.find(31.2156, 29.9553).orElseThrow().code()).isEqualTo("alexandria");
    assertThat(zones.find(31.04, 31.38).orElseThrow().code()).isEqualTo("delta");
    assertThat(zones.find(27.18, 31.18).orElseThrow().code()).isEqualTo("upper");
    assertThat(zones.find(48.85, 2.35)).isEmpty();
    assertThat(DeliveryZones.coordinates("📍 Smouha (31.2156, 29.9553)"))
        .containsExactly(31.2156, 29.9553);
  }

  @Test
  void theFeeIsTheZonesUpToTheThresholdAndNothingAbove() {
    DeliveryZones.Zone alex = zones.zone("alexandria").orElseThrow();
    assertThat(zones.fee(alex, new BigDecimal("899"))).isEqualByComparingTo("70");
    assertThat(zones.fee(alex, new BigDecimal("3000"))).isEqualByComparingTo("70");
    assertThat(zones.fee(alex, new BigDecimal("3001"))).isEqualByComparingTo("0");
  }

  @Test
  void theDefaultFeesAndLimitsAreThePlaybooks() throws Exception {
    String store = Files.readString(Path.of("src/main/resources/persona/playbook/store.md"));
    String en = store.substring(store.indexOf("## delivery-fees"));
    en = en.substring(en.indexOf("### en"), en.indexOf("### msa"));
    assertThat(en)
        .contains("Cairo and Giza 60 EGP")
        .contains("Alexandria 70 EGP")
        .contains(") 85 EGP")
        .contains(") 110 EGP")
        .contains("free on orders over 3,000 EGP");
    assertThat(store).contains("cash on delivery (up to 20,000 EGP)");
    app.wasla.commerce.CommerceProperties.Checkout defaults =
        new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source
                    .MapConfigurationPropertySource())
            .bindOrCreate(
                "wasla.commerce.checkout", app.wasla.commerce.CommerceProperties.Checkout.class);
    assertThat(defaults.feeCairo()).isEqualByComparingTo("60");
    assertThat(defaults.feeAlexandria()).isEqualByComparingTo("70");
    assertThat(defaults.feeDelta()).isEqualByComparingTo("85");
    assertThat(defaults.feeUpperEgypt()).isEqualByComparingTo("110");
    assertThat(defaults.freeDeliveryAbove()).isEqualByComparingTo("3000");
    assertThat(defaults.codLimit()).isEqualByComparingTo("20000");
  }

  @Test
  void theProductsOwnNumberIsNoQuantityAndPiecesAreCounted() {
    List<String> freePods = List.of("Oraimo FreePods 4", "سماعة أورايمو فري بودز ٤");
    assertThat(CheckoutWords.quantityAnswer("عايز فري بودز ٤ واحدة", freePods)).isEqualTo(1);
    assertThat(CheckoutWords.quantityAnswer("عايز فري بودز ٤ حبتين", freePods)).isEqualTo(2);
    assertThat(CheckoutWords.quantityAnswer("3ayez freepods 4 wa7da", freePods)).isEqualTo(1);
    assertThat(CheckoutWords.quantityAnswer("عايز ٣ فري بودز ٤", freePods)).isEqualTo(3);
    assertThat(CheckoutWords.quantity("عايز فري بودز ٤", freePods)).isNull();
    List<String> iphone = List.of("iPhone 15", "آيفون ١٥");
    assertThat(CheckoutWords.quantityAnswer("هاخد ايفون 15 اتنين", iphone)).isEqualTo(2);
    assertThat(CheckoutWords.quantity("٣ قطع", List.of())).isEqualTo(3);
    assertThat(CheckoutWords.quantity("عايز شاحن 20 واط ٢ حبات", List.of())).isEqualTo(2);
    assertThat(CheckoutWords.quantityAnswer("٣ حبات")).isEqualTo(3);
  }

  @Test
  void quantitiesGivenAsAnswersButNotAddressesOrQuestions() {
    assertThat(CheckoutWords.quantityAnswer("Actually make it just 1")).isEqualTo(1);
    assertThat(CheckoutWords.quantityAnswer("3ayz etneen")).isEqualTo(2);
    assertThat(CheckoutWords.quantityAnswer("10")).isEqualTo(10);
    assertThat(CheckoutWords.quantityAnswer("تمام هاخد ٥")).isEqualTo(5);
    assertThat(CheckoutWords.quantityAnswer("اجعلها اثنين فقط")).isEqualTo(2);
    // a correction in the middle of checkout
    assertThat(CheckoutWords.quantityAnswer("لا استني خليهم ٣")).isEqualTo(3);
    assertThat(CheckoutWords.quantityAnswer("انا قولتلك ٣ مش ٢")).isEqualTo(3);
    assertThat(CheckoutWords.quantityAnswer("I said 3 not 2")).isEqualTo(3);
    assertThat(CheckoutWords.quantityAnswer("ana 2oltlak 3 msh 2")).isEqualTo(3);
    assertThat(CheckoutWords.quantityCorrection("لا استني خليهم ٣")).isEqualTo(3);
    assertThat(CheckoutWords.quantityCorrection("انا قولتلك ٣ مش ٢")).isEqualTo(3);
    assertThat(CheckoutWords.quantityCorrection("مدينة نصر 10")).isNull();
    assertThat(CheckoutWords.quantityCorrection("عايز التوصيل لمدينة نصر 10")).isNull();
    assertThat(CheckoutWords.quantityAnswer("deliver to 45 Syria St, Roushdy")).isNull();
    assertThat(CheckoutWords.quantityAnswer("عندكم ٢ لون؟")).isNull();
  }

  @Test
  void walletsAndInstaPayArePayingOnlineNotCashOnDelivery() {
    assertThat(CheckoutWords.cashOnDelivery("تمام هحول فودافون كاش دلوقتي على الرقم ده")).isFalse();
    assertThat(CheckoutWords.payOnline("تمام هحول فودافون كاش دلوقتي على الرقم ده")).isTrue();
    assertThat(CheckoutWords.payOnline("خلاص هحول انستاباي")).isTrue();
    assertThat(CheckoutWords.payOnline("ha7awel vodafone cash")).isTrue();
    assertThat(CheckoutWords.cashOnDelivery("هدفع كاش في الفرع")).isTrue();
  }

  @Test
  void instaPayIsToldFromAWalletAndATransferDoneFromOneToCome() {
    assertThat(CheckoutWords.instaPay("هحول انستاباي")).isTrue();
    assertThat(CheckoutWords.instaPay("سأحول عبر إنستاباي")).isTrue();
    assertThat(CheckoutWords.instaPay("tamam hadfa3 vodafone cash")).isFalse();
    assertThat(CheckoutWords.transferred("ana 7awelt el flos 3la vodafone cash 01012345678 khalas"))
        .isTrue();
    assertThat(CheckoutWords.transferred("حولت الفلوس خلاص")).isTrue();
    assertThat(CheckoutWords.transferred("ok I transferred the money")).isTrue();
    assertThat(CheckoutWords.transferred("دفعت فودافون كاش")).isTrue();
    assertThat(CheckoutWords.transferred("هحول فودافون كاش")).isFalse();
    assertThat(CheckoutWords.transferred("tamam hadfa3 vodafone cash w hab3atlko el screenshot"))
        .isFalse();
    assertThat(CheckoutWords.transferred("can I pay by vodafone cash?")).isFalse();
  }

  @Test
  void pickupInWordsAndAddressesWithoutTheirLeadWords() {
    assertThat(CheckoutWords.pickup("I'll pick them up from the store")).isTrue();
    assertThat(CheckoutWords.pickup("pickup from alex branch")).isTrue();
    assertThat(CheckoutWords.pickup("سأستلمه من فرع الإسكندرية")).isTrue();
    assertThat(CheckoutWords.addressOnly("deliver to 45 Syria St, Roushdy, Alexandria"))
        .isEqualTo("45 Syria St, Roushdy, Alexandria");
    assertThat(CheckoutWords.addressOnly("توصيل للمعادي، ٩ شارع ٢٣١ دجلة، القاهرة"))
        .isEqualTo("المعادي، ٩ شارع ٢٣١ دجلة، القاهرة");
    assertThat(CheckoutWords.addressOnly("tawsil l 14 share3 gameat el dewal"))
        .isEqualTo("14 share3 gameat el dewal");
    assertThat(CheckoutWords.addressOnly("التوصيل إلى ١٥ شارع فؤاد")).isEqualTo("١٥ شارع فؤاد");
    assertThat(CheckoutWords.addressOnly("12 Abbas El Akkad St")).isEqualTo("12 Abbas El Akkad St");
  }

  @Test
  void anAddressWithoutTheChatterBeforeIt() {
    assertThat(CheckoutWords.addressOnly("قولتلك توصيل 🙂 العنوان ١٢ شارع التحرير الدقي الجيزة"))
        .isEqualTo("١٢ شارع التحرير الدقي الجيزة");
    assertThat(
            CheckoutWords.addressOnly("I told you delivery 🙂 my address is 12 Tahrir St, Dokki"))
        .isEqualTo("12 Tahrir St, Dokki");
    assertThat(CheckoutWords.addressOnly("2oltlak tawsil 🙂 el 3enwan 12 share3 el tahrir giza"))
        .isEqualTo("12 share3 el tahrir giza");
    assertThat(CheckoutWords.addressOnly("قلت لك التوصيل، ١٢ شارع التحرير، الدقي"))
        .isEqualTo("١٢ شارع التحرير، الدقي");
    // a district before the street is part of the address; a building's number stays
    assertThat(CheckoutWords.addressOnly("المعادي، ٩ شارع ٢٣١ دجلة"))
        .isEqualTo("المعادي، ٩ شارع ٢٣١ دجلة");
    assertThat(CheckoutWords.addressOnly("12, Tahrir St, Dokki")).isEqualTo("12, Tahrir St, Dokki");
    assertThat(
            CheckoutWords.quantityCorrection(
                "قولتلك توصيل 🙂 العنوان ١٢ شارع التحرير الدقي الجيزة"))
        .isNull();
  }

  @Test
  void theAddressInAnAnswerThatGivesMore() {
    assertThat(CheckoutWords.addressIn("واحدة بس، توصيل")).isNull();
    assertThat(CheckoutWords.addressIn("just one, delivery")).isNull();
    assertThat(CheckoutWords.addressIn("wa7da bas, tawsil")).isNull();
    assertThat(CheckoutWords.addressIn("2, delivery")).isNull();
    assertThat(CheckoutWords.addressIn("اتنين، وتوصيل على ١٢ شارع التحرير الدقي الجيزة"))
        .isEqualTo("١٢ شارع التحرير الدقي الجيزة");
    assertThat(CheckoutWords.addressIn("واحدة فقط، مع التوصيل إلى ١٢ شارع التحرير، الدقي، الجيزة"))
        .isEqualTo("١٢ شارع التحرير، الدقي، الجيزة");
    assertThat(CheckoutWords.addressIn("wa7da bas, tawsil l 12 share3 el tahrir, el do22i, giza"))
        .isEqualTo("12 share3 el tahrir, el do22i, giza");
    assertThat(CheckoutWords.addressIn("one please, delivery to 12 Tahrir St, Dokki, Giza"))
        .isEqualTo("12 Tahrir St, Dokki, Giza");
    assertThat(CheckoutWords.addressIn("2, 15 Road 9, Maadi, Cairo"))
        .isEqualTo("15 Road 9, Maadi, Cairo");
    assertThat(CheckoutWords.addressIn("deliver to Giza")).isEqualTo("Giza");
  }

  @Test
  void anAddressInAPhotoDetailsOfTheDoorAndPinsOutsideEgypt() {
    assertThat(CheckoutWords.addressInAPhoto("ده العنوان مكتوب في الصورة")).isTrue();
    assertThat(CheckoutWords.addressInAPhoto("the address is in the picture")).isTrue();
    assertThat(CheckoutWords.addressInAPhoto("el 3enwan fel soura")).isTrue();
    assertThat(CheckoutWords.addressInAPhoto("١٢ شارع مكرم عبيد، مدينة نصر")).isFalse();
    assertThat(CheckoutWords.addressDetails("عمارة ١٢ الدور ٣ شقة ٥")).isTrue();
    assertThat(CheckoutWords.addressDetails("building 12, floor 3, flat 5")).isTrue();
    assertThat(CheckoutWords.addressDetails("تمام")).isFalse();
    assertThat(DeliveryZones.inEgypt(30.0561, 31.33)).isTrue(); // Nasr City
    assertThat(DeliveryZones.inEgypt(24.0889, 32.8998)).isTrue(); // Aswan
    assertThat(DeliveryZones.inEgypt(51.5074, -0.1278)).isFalse(); // London
    assertThat(DeliveryZones.inEgypt(24.7136, 46.6753)).isFalse(); // Riyadh
  }
}
