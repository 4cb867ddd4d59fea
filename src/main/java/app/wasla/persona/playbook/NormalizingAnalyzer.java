package app.wasla.persona.playbook;

import app.wasla.persona.nlp.ArabicNormalizer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Lucene analyzer for Arabic, Arabizi and English in one field: {@link ArabicNormalizer} first,
 * then standard tokens, Arabic and English stop words (normalised), Arabic light stemming and
 * Porter stemming.
 */
public final class NormalizingAnalyzer extends Analyzer {

  private static final CharArraySet STOP = stopWords();

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    try {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[1024];
      int n;
      while ((n = reader.read(buf)) > 0) {
        sb.append(buf, 0, n);
      }
      return new StringReader(ArabicNormalizer.normalize(sb.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream ts = new StopFilter(source, STOP);
    ts = new EgyptianLightStemFilter(ts);
    ts = new ArabicStemFilter(ts);
    ts = new PorterStemFilter(ts);
    return new TokenStreamComponents(source, ts);
  }

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(512, true);
    for (Object w : ArabicAnalyzer.getDefaultStopSet()) {
      set.add(ArabicNormalizer.normalize(new String((char[]) w)));
    }
    set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    for (String w :
        ("انا انت انتي انتوا احنا ده دي دا ايه هو هي عايز عاوز عايزه عاوزه ممكن لو سمحت يا بتاع بتاعي "
                + "بتاعت بتاعتي كده كام فيه في من على علي عن مع ال الـ the i you we my me your is are do does can could "
                + "please pls plz el ana enta enty ento w ya law sama7t 3ayez 3ayz 3awz momken da di eh fe fi mn "
                + "what how much many which when where")
            .split(" ")) {
      set.add(ArabicNormalizer.normalize(w));
    }
    return set;
  }
}
