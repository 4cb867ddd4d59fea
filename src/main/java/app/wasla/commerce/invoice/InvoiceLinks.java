package app.wasla.commerce.invoice;

import app.wasla.channel.whatsapp.OwnFiles;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The invoice link sent to the customer ({@code GET /store/invoices/{orderNumber}.pdf?key=...}):
 * needs no login, as Meta fetches it (a public https base URL) and the customer opens it, but only
 * the right key opens it; any other answer is a 404, as for an order without an invoice. When the
 * link cannot be fetched by Meta, the outbox reads the PDF here and uploads it ({@link OwnFiles}).
 */
@RestController
class InvoiceLinks implements OwnFiles {

  private final Invoices invoices;

  InvoiceLinks(Invoices invoices) {
    this.invoices = invoices;
  }

  @GetMapping(Invoices.PATH + "{orderNumber}.pdf")
  ResponseEntity<byte[]> invoice(
      @PathVariable String orderNumber, @RequestParam(required = false) String key) {
    if (!invoices.validKey(orderNumber, key)) {
      return ResponseEntity.notFound().build();
    }
    return invoices
        .find(orderNumber)
        .map(i -> pdf(invoices.render(i), i.filename(), true))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @Override
  public Optional<File> read(String link) {
    return invoices
        .orderOfLink(link)
        .flatMap(invoices::find)
        .map(i -> new File(invoices.render(i), "application/pdf", i.filename()));
  }

  static ResponseEntity<byte[]> pdf(byte[] pdf, String filename, boolean inline) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore().cachePrivate())
        .header(
            "Content-Disposition",
            (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(filename)
                .build()
                .toString())
        .body(pdf);
  }
}
