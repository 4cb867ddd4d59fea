package app.wasla.persona.playbook;

import app.wasla.persona.nlp.ArabicNormalizer;
import app.wasla.persona.nlp.TextView;
import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Strips one leading clitic (ل، ب، ه، و، ال…) and Egyptian pronoun suffixes (كوا، كو، كم) from
 * Arabic words, "ko" from Arabizi.
 */
final class EgyptianLightStemFilter extends TokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  EgyptianLightStemFilter(TokenStream in) {
    super(in);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    String t = term.toString();
    String s = t;
    if (ArabicNormalizer.isArabic(t)) {
      s = TextView.strip(t);
      for (String suffix : new String[] {"كوا", "كو", "كم"}) {
        if (s.endsWith(suffix) && s.length() - suffix.length() >= 3) {
          s = s.substring(0, s.length() - suffix.length());
          break;
        }
      }
    } else if (t.length() >= 7 && t.endsWith("ko")) {
      s = t.substring(0, t.length() - 2);
    }
    if (!s.equals(t)) {
      term.setEmpty().append(s);
    }
    return true;
  }
}
