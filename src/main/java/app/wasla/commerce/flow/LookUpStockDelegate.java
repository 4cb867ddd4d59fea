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
    boolean ar = arabic(execution);
    List<Product> found = catalogue.search(SalesContext.turnText(execution));
    execution.setVariable(SalesVariables.PRODUCT_FOUND, !found.isEmpty());
    if (found.isEmpty()) {
      messages.send(execution, OutboundMessage.Text.of(ar
          ? "قولّي اسم المنتج اللي بتدور عليه (مثلا: آيفون ١٥ أو ايربودز برو) وأنا أقولك سعره ومتوفر فين."
          : "Tell me the product's name (for example iPhone 15 or AirPods Pro) and I'll tell you its price and"
              + " where it's in stock."));
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
    String body = ar
        ? name + " سعره " + money(product.priceEgp(), true) + ".\n"
            + (inStock.isEmpty() ? "للأسف خلصان دلوقتي في الفرعين." : "متوفر في: " + where + ".")
        : name + " costs " + money(product.priceEgp(), false) + ".\n"
            + (inStock.isEmpty() ? "Sorry, it's out of stock in both branches right now." : "In stock: " + where + ".");
    List<Button> buttons = new ArrayList<>();
    if (!inStock.isEmpty()) {
      buttons.add(new Button(SalesVariables.REPLY_ORDER, ar ? "اطلبه دلوقتي" : "Order now"));
    }
    buttons.add(new Button(SalesVariables.REPLY_OTHER_PRODUCT, ar ? "منتج تاني" : "Another product"));
    buttons.add(new Button(SalesVariables.REPLY_HUMAN, ar ? "كلّم حد" : "Talk to someone"));
    messages.send(execution, new ReplyButtons(body, buttons, null, null));
  }
}
