package app.wasla.persona.playbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * BM25 over the playbook's passages (Arabic, English and keywords, all through {@link
 * NormalizingAnalyzer}), in memory. Products are indexed as passages too ("product:SKU").
 * Thread-safe after construction.
 */
public final class PlaybookIndex {

  /** A passage found for a query, with its BM25 score and the share of query terms it matched. */
  public record Hit(Passage passage, double score, double coverage) {}

  /**
   * At most this many distinct terms make a query (two clauses each): a long or repetitive message
   * ("phone phone phone…") must not exceed Lucene's clause limit, and its first words say what it
   * is about.
   */
  public static final int MAX_QUERY_TERMS = 32;

  private static final String F_ID = "id";
  private static final String F_TEXT = "text";
  private static final String F_KEYWORDS = "keywords";
  private static final String F_INTENT = "intent";

  private final Analyzer analyzer = new NormalizingAnalyzer();
  private final List<Passage> passages = new ArrayList<>();
  private final List<java.util.Set<String>> passageTerms = new ArrayList<>();
  private final IndexSearcher searcher;

  public PlaybookIndex(Playbook playbook) {
    passages.addAll(playbook.passages());
    for (Product p : playbook.products()) {
      String aliases = String.join(" ", p.aliases());
      passages.add(
          new Passage(
              "product:" + p.sku(),
              "product_inquiry",
              aliases,
              p.nameAr() + ": السعر " + p.priceEgp().toPlainString() + " جنيه.",
              p.nameEn() + ": " + p.priceEgp().toPlainString() + " EGP."));
    }
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
    try (IndexWriter w = new IndexWriter(dir, cfg)) {
      for (int i = 0; i < passages.size(); i++) {
        Passage p = passages.get(i);
        passageTerms.add(
            new java.util.HashSet<>(
                analyze(
                    nz(p.ar())
                        + " "
                        + nz(p.en())
                        + " "
                        + nz(p.keywords())
                        + " "
                        + p.id().replace('-', ' '))));
        if (p.intent() == null) {
          continue; // tone of voice and other guidance: for the LLM prompt, not for answers
        }
        Document d = new Document();
        d.add(new StoredField(F_ID, i));
        d.add(new TextField(F_TEXT, nz(p.ar()) + "\n" + nz(p.en()), Field.Store.NO));
        d.add(
            new TextField(
                F_KEYWORDS, nz(p.keywords()) + " " + p.id().replace('-', ' '), Field.Store.NO));
        d.add(new StringField(F_INTENT, p.intent(), Field.Store.NO));
        w.addDocument(d);
      }
      w.commit();
      searcher = new IndexSearcher(DirectoryReader.open(dir));
      searcher.setSimilarity(new BM25Similarity());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Up to k passages for the text, best first; passages meant for intentHint (nullable) get a
   * boost.
   */
  public List<Hit> search(String text, String intentHint, int k) {
    List<String> terms = queryTerms(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String t : terms) {
      q.add(new TermQuery(new Term(F_TEXT, t)), BooleanClause.Occur.SHOULD);
      q.add(
          new BoostQuery(new TermQuery(new Term(F_KEYWORDS, t)), 1.5f), BooleanClause.Occur.SHOULD);
    }
    BooleanQuery textQuery = q.build();
    BooleanQuery.Builder outer =
        new BooleanQuery.Builder().add(textQuery, BooleanClause.Occur.MUST);
    if (intentHint != null) {
      outer.add(
          new BoostQuery(new TermQuery(new Term(F_INTENT, intentHint)), 2f),
          BooleanClause.Occur.SHOULD);
    }
    try {
      ScoreDoc[] docs = searcher.search(outer.build(), k).scoreDocs;
      List<Hit> hits = new ArrayList<>(docs.length);
      for (ScoreDoc sd : docs) {
        int idx = searcher.storedFields().document(sd.doc).getField(F_ID).numericValue().intValue();
        Passage p = passages.get(idx);
        hits.add(new Hit(p, sd.score, coverage(terms, passageTerms.get(idx))));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text's distinct terms in order of first appearance, at most {@link #MAX_QUERY_TERMS}. */
  public List<String> queryTerms(String text) {
    return analyze(text).stream().distinct().limit(MAX_QUERY_TERMS).toList();
  }

  private static double coverage(List<String> queryTerms, java.util.Set<String> docTerms) {
    long matched = queryTerms.stream().filter(docTerms::contains).count();
    return (double) matched / queryTerms.size();
  }

  /** The index terms of a text, as the analyzer makes them. */
  public List<String> analyze(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(F_TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
