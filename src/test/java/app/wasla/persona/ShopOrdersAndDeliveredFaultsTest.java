package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.answered;
import static app.wasla.persona.FreshCustomer.handedOver;

import org.junit.jupiter.api.Test;

/**
 * Three ways customers are due a person without saying so: ten units or more for their own shop (a
 * trade order, whatever its value), a fault in what was delivered told as "what came" rather than
 * "what I bought", and a person asked for in formal Arabic as "one of the staff".
 */
class ShopOrdersAndDeliveredFaultsTest {

  @Test
  void tenUnitsOrMoreForTheCustomersShopAreATradeOrder() {
    handedOver("عايز ٥٠ سكرينه و٥٠ جراب للمحل", "big deal");
    handedOver("محتاج ٣٠ كابل تايب سي لمحلي", "big deal");
    handedOver("3ayz 50 screen protector w 50 cover lel shop", "big deal");
    handedOver("i need 40 phone cases for my shop", "big deal");
    // a couple for the shop is an everyday order
    answered("عايز ٢ جراب للمحل");
  }

  @Test
  void aFaultInWhatCameIsAComplaint() {
    handedOver(
        "salam 3aleko, el power bank elly gali mabyesh7ensh khales, momken t2oly a3mel eh? shokran",
        "complaint");
    handedOver("الباور بانك اللي جالي مبيشحنش خالص", "complaint");
    handedOver(
        "masa2 el kheer, lel asaf el cover elly weslny ma2aso msh mazboot 3al mobile, yaret tshofoly 7al",
        "complaint");
    handedOver("الجراب اللي وصلني مقاسه مش مظبوط على الموبايل", "complaint");
    handedOver("the charger that came yesterday doesn't work", "complaint");
    // charging a power bank before it is bought asks about the product
    answered("الباور بانك بيشحن الموبايل كام مره؟");
  }

  @Test
  void oneOfTheStaffAskedForInFormalArabicIsAPerson() {
    handedOver("هل يمكنني محادثة أحد العاملين في فرع الإسكندرية؟", "customer asked for a human");
    handedOver("أود التحدث مع أحد الموظفين لو سمحت", "customer asked for a human");
  }

  @Test
  void aShopMockedAsAMuseumOrAPolicyAskedWhatItIsForIsForAPerson() {
    handedOver(
        "رحت الفرع ٣ مرات ومفيش ولا حاجه من اللي على الصفحه، انتوا فاتحين محل ولا متحف؟ الA55 موجود ولا لأ",
        "angry customer");
    handedOver("انتو بتبيعوا موبايلات ولا فاتحين متحف؟", "angry customer");
    handedOver(
        "ya3ni eh el daman msh by8aty el battery?? amal lazmeto eh el daman bta3ko?!",
        "angry customer");
    handedOver(
        "يعني ايه الضمان مش بيغطي البطاريه؟ امال لازمته ايه الضمان بتاعكم؟!", "angry customer");
    // what a cable is for is a product question
    answered("الكابل ده لازمته ايه؟");
  }
}
