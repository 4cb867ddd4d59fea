package app.wasla.commerce.invoice;

import app.wasla.commerce.CommerceProperties;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Renders an invoice as a one-page A4 PDF with OpenPDF: Arabic right to left, shaped (OpenPDF's
 * bidi and Arabic ligaturizer, {@link ColumnText#AR_LIG}), in Amiri (SIL Open Font License, shipped
 * in {@code resources/fonts}), which has the Arabic and the Latin glyphs; English left to right.
 * Prices in Western digits, as Egyptian shops print them (and as the chat says them).
 */
@Component
class InvoicePdf {

  private static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Color RULE = new Color(0xC8, 0xD0, 0xDA);
  private static final Color HEAD = new Color(0xEE, 0xF2, 0xF7);

  private final CommerceProperties.Shop shop;
  private final byte[] font;

  InvoicePdf(CommerceProperties props) {
    this.shop = props.shop();
    try (InputStream in = InvoicePdf.class.getResourceAsStream("/fonts/Amiri-Regular.ttf")) {
      if (in == null) {
        throw new IllegalStateException("fonts/Amiri-Regular.ttf is missing from the resources");
      }
      this.font = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The labels of one language. */
  private record Words(
      String title,
      String order,
      String date,
      String payment,
      String product,
      String quantity,
      String unitPrice,
      String amount,
      String subtotal,
      String delivery,
      String free,
      String total,
      String paid,
      String thanks,
      String currency,
      String online,
      String cash) {}

  private static final Words ARABIC =
      new Words(
          "فاتورة",
          "رقم الطلب",
          "التاريخ",
          "طريقة الدفع",
          "المنتج",
          "الكمية",
          "سعر الوحدة",
          "المبلغ",
          "المجموع",
          "رسوم التوصيل",
          "مجاناً",
          "الإجمالي",
          "مدفوعة",
          "شكراً لتسوقك من ",
          "جنيه",
          "دفع إلكتروني بالبطاقة",
          "الدفع عند الاستلام");

  private static final Words ENGLISH =
      new Words(
          "Invoice",
          "Order number",
          "Date",
          "Payment method",
          "Product",
          "Qty",
          "Unit price",
          "Amount",
          "Subtotal",
          "Delivery fee",
          "Free",
          "Total",
          "Paid",
          "Thank you for shopping at ",
          "EGP",
          "Paid online by card",
          "Cash on delivery");

  byte[] render(Invoice invoice) {
    boolean arabic = "ar".equals(invoice.language());
    Words w = arabic ? ARABIC : ENGLISH;
    int direction = arabic ? PdfWriter.RUN_DIRECTION_RTL : PdfWriter.RUN_DIRECTION_LTR;
    String shopName = arabic ? shop.nameAr() : shop.name();
    try {
      BaseFont base =
          BaseFont.createFont(
              "Amiri-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, font, null);
      Font body = new Font(base, 11);
      Font strong = new Font(base, 12, Font.BOLD);
      Font heading = new Font(base, 22);
      Font small = new Font(base, 9, Font.NORMAL, Color.DARK_GRAY);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Document document = new Document(PageSize.A4, 48, 48, 48, 48);
      PdfWriter writer = PdfWriter.getInstance(document, out);
      writer.setRunDirection(direction);
      document.addTitle(w.title() + " " + invoice.orderNumber());
      document.addAuthor(shopName);
      document.open();

      PdfPTable header = table(direction, new float[] {1, 1});
      header.addCell(cell(shopName, heading, direction, Element.ALIGN_LEFT, false));
      header.addCell(
          cell(w.title() + " · " + w.paid(), heading, direction, Element.ALIGN_RIGHT, false));
      document.add(header);

      PdfPTable meta = table(direction, new float[] {1, 2});
      row(meta, w.order(), invoice.orderNumber(), body, direction);
      row(meta, w.date(), DATE.format(invoice.issuedAt().atZone(CAIRO)), body, direction);
      row(meta, w.payment(), paymentMethod(invoice, w), body, direction);
      meta.setSpacingBefore(12);
      meta.setSpacingAfter(16);
      document.add(meta);

      PdfPTable lines = table(direction, new float[] {5, 1.2f, 2.2f, 2.2f});
      for (String title : new String[] {w.product(), w.quantity(), w.unitPrice(), w.amount()}) {
        PdfPCell c = cell(title, strong, direction, Element.ALIGN_CENTER, true);
        c.setBackgroundColor(HEAD);
        lines.addCell(c);
      }
      for (Invoice.Line line : invoice.lines()) {
        lines.addCell(cell(line.name(invoice.language()), body, direction, -1, true));
        lines.addCell(
            cell(String.valueOf(line.quantity()), body, direction, Element.ALIGN_CENTER, true));
        lines.addCell(
            cell(money(line.unitPriceEgp(), w), body, direction, Element.ALIGN_CENTER, true));
        lines.addCell(
            cell(money(line.amountEgp(), w), body, direction, Element.ALIGN_CENTER, true));
      }
      total(lines, w.subtotal(), money(invoice.subtotalEgp(), w), body, direction);
      total(
          lines,
          w.delivery(),
          invoice.deliveryFeeEgp().signum() == 0 ? w.free() : money(invoice.deliveryFeeEgp(), w),
          body,
          direction);
      total(lines, w.total(), money(invoice.totalEgp(), w), strong, direction);
      document.add(lines);

      PdfPTable footer = table(direction, new float[] {1});
      footer.setSpacingBefore(24);
      footer.addCell(cell(w.thanks() + shopName, small, direction, -1, false));
      document.add(footer);

      document.close();
      return out.toByteArray();
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException(
          "invoice " + invoice.orderNumber() + " cannot be rendered", e);
    }
  }

  private static String paymentMethod(Invoice invoice, Words w) {
    return switch (invoice.paymentMethod()) {
      case "online" -> w.online();
      case "cash_on_delivery", "cod", "cash" -> w.cash();
      default -> invoice.paymentMethod();
    };
  }

  private static String money(BigDecimal amount, Words w) {
    NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
    format.setMinimumFractionDigits(amount.stripTrailingZeros().scale() > 0 ? 2 : 0);
    format.setMaximumFractionDigits(2);
    return format.format(amount) + " " + w.currency();
  }

  private static PdfPTable table(int direction, float[] widths) {
    PdfPTable table = new PdfPTable(widths);
    table.setWidthPercentage(100);
    table.setRunDirection(direction);
    return table;
  }

  private static void row(PdfPTable table, String label, String value, Font font, int direction) {
    table.addCell(cell(label, font, direction, -1, false));
    table.addCell(cell(value, font, direction, -1, false));
  }

  /** A summary row under the lines: the label across three columns, the amount in the last. */
  private static void total(PdfPTable table, String label, String value, Font font, int direction) {
    PdfPCell l = cell(label, font, direction, -1, true);
    l.setColspan(3);
    table.addCell(l);
    table.addCell(cell(value, font, direction, Element.ALIGN_CENTER, true));
  }

  /**
   * A cell; {@code align} -1 is the start of the line (right in Arabic, left in English). In a
   * right-to-left table left and right trade places, so a heading's "left" is the start there too.
   */
  private static PdfPCell cell(String text, Font font, int direction, int align, boolean ruled) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setRunDirection(direction);
    cell.setArabicOptions(ColumnText.AR_LIG);
    cell.setHorizontalAlignment(align < 0 ? Element.ALIGN_LEFT : align);
    cell.setPadding(6);
    cell.setBorder(ruled ? Rectangle.BOX : Rectangle.NO_BORDER);
    cell.setBorderColor(RULE);
    return cell;
  }
}
