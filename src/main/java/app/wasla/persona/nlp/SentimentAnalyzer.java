package app.wasla.persona.nlp;

import app.wasla.persona.Sentiment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lexicon sentiment (persona/lexicon/sentiment.tsv: Egyptian, MSA, Arabizi, English and emoji) with
 * negation ("مش شغال", "not good", "msh kwayes": the sign flips, damped) and intensifiers ("جدا",
 * "اوي", "very", "awy"). The score is tanh(sum / 2.5), so one strong word lands near ±0.66 and
 * stacked ones approach ±1.
 */
public final class SentimentAnalyzer {

  /**
   * A scored term; a defect ("broken", "مكسور") names what is wrong with a thing, not how the
   * customer feels.
   */
  private record Term(String pattern, double score, boolean defect) {
    Term(String pattern, double score) {
      this(pattern, score, false);
    }
  }

  /**
   * Endings a Latin term may take and still be the same word: "hate" matches "hated", not
   * "hatewsal".
   */
  private static final java.util.regex.Pattern LATIN_ENDING =
      java.util.regex.Pattern.compile("|s|es|d|ed|ing|ly|n|ful|a|ah|een|en|in|o|ha|y|ak|ek|ko|na");

  private final List<Term> words = new ArrayList<>();
  private final List<Term> phrases = new ArrayList<>();
  private final Map<String, Double> emoji = new HashMap<>();
  private final List<String> negators = new ArrayList<>();
  private final List<Term> intensifiers = new ArrayList<>();

  /**
   * Words of a let-down (waiting, a delay, a thing forgotten, "again"): praise beside one is
   * sarcasm.
   */
  private final List<String> letdowns = new ArrayList<>();

  public SentimentAnalyzer() {
    for (String[] row : Lexicons.rows("persona/lexicon/sentiment.tsv")) {
      if (row[0].equals("NEG")) {
        negators.add(Lexicons.pattern(row[1]));
      } else if (row[0].equals("LETDOWN")) {
        letdowns.add(Lexicons.pattern(row[1]));
      } else if (row[0].equals("INT")) {
        intensifiers.add(new Term(Lexicons.pattern(row[1]), Double.parseDouble(row[2])));
      } else if (!row[0].isEmpty() && !Character.isLetterOrDigit(row[0].codePointAt(0))) {
        emoji.put(row[0], Double.parseDouble(row[1]));
      } else {
        Term t =
            new Term(
                Lexicons.pattern(row[0]),
                Double.parseDouble(row[1]),
                row.length > 2 && row[2].strip().equals("defect"));
        (t.pattern().contains(" ") ? phrases : words).add(t);
      }
    }
  }

  /** Whether the text tells a let-down: waiting, a delay, a thing forgotten, "again". */
  public boolean letdown(TextView text) {
    return letdowns.stream().anyMatch(text::matches);
  }

  public Sentiment analyze(TextView text) {
    return analyze(text, true);
  }

  /**
   * The sentiment, counting defect words or not: a repair booking or a repair question names the
   * fault it is about ("my cracked screen"), which says nothing about the customer's mood.
   */
  public Sentiment analyze(TextView text, boolean countDefects) {
    List<String> tokens = text.tokens();
    List<String> stems = text.stems();
    double sum = 0;
    double praise = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (isNegator(tokens.get(i)) || intensity(tokens.get(i)) > 0) {
        continue;
      }
      double s = 0;
      for (Term t : words) {
        if (matches(tokens.get(i), stems.get(i), t.pattern())) {
          s = t.defect() && !countDefects ? 0 : t.score();
          break;
        }
      }
      if (s == 0) {
        continue;
      }
      if (s > 0
          && i > 0
          && DECLINING.contains(tokens.get(i - 1))
          && THANKS.contains(tokens.get(i))) {
        continue; // "لا شكرا", "no thanks": a polite decline, neither praise nor its opposite
      }
      double m = modify(tokens, i, s);
      sum += m;
      praise += Math.max(0, m);
    }
    for (Term t : phrases) {
      if (text.matches(t.pattern())) {
        sum += t.score();
      }
    }
    String raw = text.raw();
    for (Map.Entry<String, Double> e : emoji.entrySet()) {
      int from = 0;
      int idx;
      while ((idx = raw.indexOf(e.getKey(), from)) >= 0) {
        sum += e.getValue();
        praise += Math.max(0, e.getValue());
        from = idx + e.getKey().length();
      }
    }
    boolean letdown = letdowns.stream().anyMatch(text::matches);
    if (praise > 0 && !letdown && EYE_ROLL.matcher(raw).find()) {
      // "appreciate the 45 min on hold, really feels like you care 🙄": praise with an eye-roll is
      // ironic, as beside a let-down
      letdown = true;
    }
    if (praise > 0
        && !letdown
        && LAUGH.matcher(raw).find()
        && IRONIC_THANKS.matcher(" " + raw.toLowerCase(java.util.Locale.ROOT) + " ").find()) {
      // "shokran gedan 3ala el taghleef el gamed da 😂": thanks for "the great" thing of ours,
      // laughed at, is ironic
      letdown = true;
    }
    if (praise > 0
        && !letdown
        && SMILE.matcher(raw).find()
        && (PRAISE_AFTER_A_QUESTION.matcher(raw.toLowerCase(java.util.Locale.ROOT)).find()
            || PRAISE_AFTER_A_QUESTION.matcher(text.normalized()).find())) {
      // "وانا واقف قدامه من ١١؟ حلو النظام ده 🙂", "w ana wa2ef odamo mn 11? 7elw el nezam da 🙂":
      // "this" of ours praised with a smile after a question told in grievance is ironic
      letdown = true;
    }
    if (letdown && raw.chars().filter(c -> c == '!').count() >= 3) {
      sum -= 1.5; // "بقالي ١٠ ايام!!!!!!": a let-down shouted
    }
    if (praise > 0 && letdown) {
      // "thanks so much 👏 a week waiting for my order", "fantastic service, another week waiting":
      // the praise
      // beside a let-down is ironic, so it counts against the customer's mood instead of for it
      sum = sum - 2 * praise - 1;
    }
    if (raw.contains("!!")) {
      sum *= 1.2;
    }
    if (shouted(raw)) {
      // "WHERE IS MY ORDER", "3AYEZ FELOOSY": a message written in capitals is shouted; it makes a
      // cross word angrier and a neutral one cross
      sum = sum < 0 ? sum * 1.5 : sum - 1.5;
    }
    return Sentiment.ofScore(Math.tanh(sum / 2.5));
  }

  /** Words that decline before a thanks ("لا شكرا", "no thanks", "la2 shokran"). */
  private static final java.util.Set<String> DECLINING =
      java.util.Set.of("لا", "no", "nah", "la", "la2", "laa");

  /** Thanks that a decline goes with. */
  private static final java.util.Set<String> THANKS =
      java.util.Set.of(
          "شكرا", "متشكر", "متشكره", "thanks", "thank", "thx", "shokran", "merci", "mersi");

  /** Laughing out loud. */
  private static final java.util.regex.Pattern LAUGH = java.util.regex.Pattern.compile("😂|🤣");

  /**
   * Thanks for something of ours called great ("3ala el taghleef el gamed da", "على التغليف الجامد
   * ده", "for the amazing packaging"): beside a laugh, irony.
   */
  private static final java.util.regex.Pattern IRONIC_THANKS =
      java.util.regex.Pattern.compile(
          "(?:3ala|3la|3al|على|علي|عال|for)\\s+(?:el|al|l|ال|the|this|that|your)?\\s*\\S+\\s+"
              + "(?:el|al|ال)?\\s*(?:gamed|gamda|gameda|جامد|جامده|الجامد|الجامده|الجميل|الجميله|7elw|7elwa|"
              + "amazing|great|wonderful|awesome|lovely|fantastic|excellent|rae3|ra2e3|الرائع|الرائعه|العظيم|تحفه|التحفه|to7fa)"
              + "|(?:for|3ala|على)\\s+(?:the|this|that|your|el|ال)?\\s*(?:amazing|great|wonderful|awesome|lovely|fantastic|excellent|gamed|جامد)\\s+\\S+");

  /** A smile, a grin or an eye-roll closing a remark. */
  private static final java.util.regex.Pattern SMILE =
      java.util.regex.Pattern.compile("🙂|🙃|😊|😁|😂|🙄|👏");

  /**
   * A question, then "this" thing of ours praised: "...من ١١؟ حلو النظام ده", "...mn 11? 7elw el
   * nezam da", "...? nice system this". The praise follows the question, so "حلو الموبايل ده،
   * بكام؟" (praise, then a price asked) is none.
   */
  private static final java.util.regex.Pattern PRAISE_AFTER_A_QUESTION =
      java.util.regex.Pattern.compile(
          "[?؟].*(?:^|\\s)(?:حلو|حلوه|جميل|جميله|جامد|جامده|عظيم|عظيمه|رائع|رائعه|تحفه|"
              + "7elw|7elwa|helw|helwa|gamed|gamda|gameel|gamil|nice|great|lovely|wonderful|amazing)\\s+"
              + "(?:el\\s+|al\\s+|the\\s+)?\\S+\\s+(?:ده|دي|دا|da|di|de|this)(?=\\s|$|[^\\p{L}])");

  /** Eye-rolls and upside-down smiles: what they follow is meant the other way round. */
  private static final java.util.regex.Pattern EYE_ROLL =
      java.util.regex.Pattern.compile("🙄|🙃|😒|😑|🤡|🤦");

  /**
   * Latin letters written mostly in capitals, four words of them or more: shouting, not an
   * abbreviation ("ORD-12001", "JBL", "USB-C") or a model name.
   */
  static boolean shouted(String raw) {
    int words = 0;
    int upper = 0;
    for (String w : raw.split("[^\\p{L}]+")) {
      if (w.length() < 2 || !w.chars().allMatch(c -> c < 128)) {
        continue;
      }
      words++;
      if (w.chars().allMatch(Character::isUpperCase)) {
        upper++;
      }
    }
    return upper >= 4 && upper * 10 >= words * 7;
  }

  private double modify(List<String> tokens, int i, double s) {
    double out = s;
    for (int j = Math.max(0, i - 2); j < i; j++) {
      if (isNegator(tokens.get(j))) {
        out = -0.7 * out;
        break;
      }
    }
    for (int j = Math.max(0, i - 1); j <= Math.min(tokens.size() - 1, i + 2); j++) {
      double f = intensity(tokens.get(j));
      if (j != i && f > 0) {
        out *= f;
        break;
      }
    }
    return out;
  }

  private boolean isNegator(String token) {
    for (String n : negators) {
      if (TextView.wordMatches(
          token, n.endsWith("$") ? n.substring(0, n.length() - 1) : n, n.endsWith("$") || true)) {
        return true;
      }
    }
    return false;
  }

  private double intensity(String token) {
    for (Term t : intensifiers) {
      String p = t.pattern();
      boolean whole = p.endsWith("$");
      if (TextView.wordMatches(token, whole ? p.substring(0, p.length() - 1) : p, true)) {
        return t.score();
      }
    }
    return 0;
  }

  private static boolean matches(String token, String stem, String pattern) {
    boolean whole = pattern.endsWith("$");
    String p = whole ? pattern.substring(0, pattern.length() - 1) : pattern;
    return wordMatches(token, p, whole)
        || wordMatches(stem, p, whole)
        || wordMatches(stem, Arabizi.canonical(p), whole); // every Arabizi spelling of the word
  }

  /**
   * Arabic terms match a word's start; Latin ones the word with a usual ending only ("late" not
   * "later").
   */
  private static boolean wordMatches(String word, String p, boolean whole) {
    if (!TextView.wordMatches(word, p, whole)) {
      return false;
    }
    return whole
        || p.isEmpty()
        || ArabicNormalizer.isArabic(p)
        || LATIN_ENDING.matcher(word.substring(p.length())).matches();
  }
}
