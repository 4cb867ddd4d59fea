package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.arabic;
import static app.wasla.commerce.flow.SalesContext.money;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons.Button;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.catalogue.StockLevel;
import app.wasla.conversation.FlowMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${lookUpStock}}: finds the product the customer named, answers with its price and where it is in
 * stock, with buttons order / another product / talk to someone.
 */
@Component("lookUpStock")
class LookUpStockDelegate implements JavaDelegate {

  private final Catalogue catalogue;
  private final FlowMessages messages;

  LookUpStockDelegate(Catalogue catalogue, FlowMessages messages) {
    this.catalogue = catalogue;
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SalesContext.Form form = SalesContext.form(execution);
    boolean ar = form == SalesContext.Form.EGYPTIAN || form == SalesContext.Form.MSA;
    List<Product> found = catalogue.search(SalesContext.turnText(execution));
    execution.setVariable(SalesVariables.PRODUCT_FOUND, !found.isEmpty());
    if (found.isEmpty()) {
      messages.send(execution, OutboundMessage.Text.of(SalesContext.say(form,
          "قولّي اسم المنتج اللي بتدور عليه (مثلا: آيفون ١٥ أو ايربودز برو) وأنا أقولك سعره ومتوفر فين.",
          "أخبرني باسم المنتج الذي تبحث عنه (مثلاً: آيفون ١٥ أو إيربودز برو) وسأخبرك بسعره وأين يتوفر.",
          "2oly esm el montag elly bddawar 3aleh (masalan iPhone 15 aw AirPods Pro) w a2olak se3ro w mawgood fen.",
          "Tell me the product's name (for example iPhone 15 or AirPods Pro) and I'll tell you its price and"
              + " where it's in stock.")));
      return;
    }
    Product product = found.get(0);
    List<StockLevel> stock = catalogue.stock(product.sku());
    List<StockLevel> inStock = stock.stream().filter(s -> s.available() > 0).toList();
    execution.setVariable(SalesVariables.PRODUCT_SKU, product.sku());
    execution.setVariable(SalesVariables.PRODUCT_NAME, product.name(ar ? "ar" : "en"));
    execution.setVariable(SalesVariables.PRICE_EGP, SalesContext.wholeEgp(product.priceEgp()));
    execution.setVariable(SalesVariables.PRODUCT_AVAILABLE, !inStock.isEmpty());

    String name = product.name(ar ? "ar" : "en");
    String where = inStock.stream().map(s -> (ar ? s.branchNameAr() : s.branchNameEn()))
        .collect(Collectors.joining(ar ? "، " : ", "));
    String price = money(product.priceEgp(), ar);
    String body = SalesContext.say(form,
        name + " سعره " + price + ".\n"
            + (inStock.isEmpty() ? "للأسف خلصان دلوقتي في الفرعين." : "متوفر في: " + where + "."),
        "سعر " + name + " هو " + price + ".\n"
            + (inStock.isEmpty() ? "للأسف نفد حالياً من الفرعين." : "متوفر في: " + where + "."),
        name + " se3ro " + price.replace("EGP", "geneh") + ".\n"
            + (inStock.isEmpty() ? "Lel asaf khalsan delwa2ty f el far3een." : "Mawgood f: " + where + "."),
        name + " costs " + price + ".\n"
            + (inStock.isEmpty() ? "Sorry, it's out of stock in both branches right now." : "In stock: " + where + "."));
    List<Button> buttons = new ArrayList<>();
    if (!inStock.isEmpty()) {
      buttons.add(new Button(SalesVariables.REPLY_ORDER,
          SalesContext.say(form, "اطلبه دلوقتي", "اطلبه الآن", "Otlobo delwa2ty", "Order now")));
    }
    buttons.add(new Button(SalesVariables.REPLY_OTHER_PRODUCT,
        SalesContext.say(form, "منتج تاني", "منتج آخر", "Montag tany", "Another product")));
    buttons.add(new Button(SalesVariables.REPLY_HUMAN,
        SalesContext.say(form, "كلّم حد", "التحدث إلى موظف", "Akalem 7ad", "Talk to someone")));
    messages.send(execution, new ReplyButtons(body, buttons, null, null));
  }
}
