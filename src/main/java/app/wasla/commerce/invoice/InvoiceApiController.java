package app.wasla.commerce.invoice;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import app.wasla.system.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{orderNumber}/invoice}: a paid order's invoice PDF ({@code orders:read}).
 */
@RestController
@RequiresScope(Scope.ORDERS_READ)
class InvoiceApiController {

  private final Invoices invoices;

  InvoiceApiController(Invoices invoices) {
    this.invoices = invoices;
  }

  @GetMapping("/api/orders/{orderNumber}/invoice")
  ResponseEntity<?> invoice(@PathVariable String orderNumber) {
    if (!Invoices.ORDER_NUMBER.matcher(orderNumber).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "the order number is 1 to 64 letters, digits, _ -");
    }
    return invoices
        .find(orderNumber)
        .<ResponseEntity<?>>map(i -> InvoiceLinks.pdf(invoices.render(i), i.filename(), false))
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "no invoice for order " + orderNumber + " (only a paid order has one)"));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return Problems.of(
        status, status == HttpStatus.NOT_FOUND ? "not-found" : "invalid-request", detail);
  }
}
