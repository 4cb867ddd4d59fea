package app.wasla.commerce.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.commerce.CommerceProperties;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Invoices rendered and read back with PDFBox: the order's lines, quantities, prices, delivery fee,
 * total and payment method, in English and in Arabic (shaped, right to left, in the embedded Amiri
 * font).
 */
class InvoicePdfTest {

  private final InvoicePdf pdf = new InvoicePdf(defaults());

  static CommerceProperties defaults() {
    return new Binder(new MapConfigurationPropertySource(java.util.Map.of("x", "y")))
        .bindOrCreate("wasla.commerce", Bindable.of(CommerceProperties.class));
  }

  private static Invoice invoice(String language) {
    return new Invoice(
        "ORD-12042",
        "201001234567",
        "100000000000001:201001234567",
        language,
        Instant.parse("2026-12-06T09:30:00Z"),
        List.of(
            new Invoice.Line(
                "SM25", "Samsung 25W Charger", "شاحن سامسونج ٢٥ وات", 2, new BigDecimal("749"))),
        new BigDecimal("60"),
        new BigDecimal("1558"),
        "online",
        "sandbox");
  }

  private static String text(byte[] bytes) throws Exception {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      return new PDFTextStripper().getText(document);
    }
  }

  @Test
  void anEnglishInvoiceHoldsTheLinesTheFeeTheTotalAndThePayment() throws Exception {
    String text = text(pdf.render(invoice("en")));

    assertThat(text)
        .contains("Nile Store")
        .contains("Invoice")
        .contains("ORD-12042")
        .contains("2026-12-06 11:30") // Cairo time
        .contains("Samsung 25W Charger")
        .contains("749 EGP")
        .contains("1,498 EGP")
        .contains("Delivery fee")
        .contains("60 EGP")
        .contains("Total")
        .contains("1,558 EGP")
        .contains("Paid online by card");
  }

  @Test
  void anArabicInvoiceIsShapedInAnEmbeddedArabicFont() throws Exception {
    byte[] bytes = pdf.render(invoice("ar"));
    String text = text(bytes);
    // the glyphs are Arabic presentation forms (shaped: joined letters); NFKC gives the letters
    // the text maps back to the letters (ToUnicode), in logical order
    String letters = Normalizer.normalize(text, Normalizer.Form.NFKC);

    assertThat(text).contains("ORD-12042").contains("1,558").contains("1,498").contains("749");
    assertThat(shapedGlyphs(bytes))
        .as("glyphs of joined (initial, medial, final) forms")
        .isGreaterThan(20);
    assertThat(reads(letters, "فاتورة")).isTrue();
    assertThat(reads(letters, "متجر النيل")).isTrue();
    assertThat(reads(letters, "الإجمالي")).isTrue();
    assertThat(reads(letters, "رسوم التوصيل")).isTrue();
    assertThat(reads(letters, "شاحن سامسونج")).isTrue();
    assertThat(reads(letters, "جنيه")).isTrue();
    try (PDDocument document = Loader.loadPDF(bytes)) {
      PDFont font =
          document
              .getPage(0)
              .getResources()
              .getFont(document.getPage(0).getResources().getFontNames().iterator().next());
      assertThat(font.getName()).contains("Amiri");
      assertThat(font.isEmbedded()).isTrue();
    }
  }

  /**
   * How many glyphs drawn are the font's Arabic presentation forms (U+FE70..U+FEFC): what shaping
   * draws; unshaped text would draw the letters' own glyphs (U+0600..U+06FF) only.
   */
  private static long shapedGlyphs(byte[] bytes) throws Exception {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      java.util.List<Integer> codes = new java.util.ArrayList<>();
      PDType0Font[] font = new PDType0Font[1];
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
              if (text.getFont() instanceof PDType0Font f) {
                font[0] = f;
                for (int code : text.getCharacterCodes()) {
                  codes.add(code);
                }
              }
            }
          };
      stripper.getText(document);
      PDCIDFontType2 cid = (PDCIDFontType2) font[0].getDescendantFont();
      // the embedded subset keeps the font's glyph ids but not its cmap: read it from the font
      CmapLookup cmap;
      try (var in = InvoicePdfTest.class.getResourceAsStream("/fonts/Amiri-Regular.ttf")) {
        cmap =
            new org.apache.fontbox.ttf.TTFParser()
                .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(in.readAllBytes()))
                .getUnicodeCmapLookup();
      }
      java.util.Set<Integer> presentationGlyphs = new java.util.HashSet<>();
      for (int c = 0xFE70; c <= 0xFEFC; c++) {
        int gid = cmap.getGlyphId(c);
        if (gid != 0) {
          presentationGlyphs.add(gid);
        }
      }
      long shaped = 0;
      for (int code : codes) {
        if (presentationGlyphs.contains(cid.codeToGID(code))) {
          shaped++;
        }
      }
      return shaped;
    }
  }

  /** The words as they read, in logical order or as the extraction left them (visual order). */
  private static boolean reads(String text, String words) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.contains(words) || flat.contains(new StringBuilder(words).reverse().toString());
  }
}
