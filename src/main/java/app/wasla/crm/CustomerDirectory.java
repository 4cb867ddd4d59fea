package app.wasla.crm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the owner's inbox shows of the CRM for a page of conversations (name, language, tags), and
 * which conversations a tag or a name filter keeps. The customer key is the conversation key.
 */
@Repository
public class CustomerDirectory {

  /** At most this many keys come back for one filter. */
  static final int MAX_KEYS = 5000;

  /** The CRM's view of one customer: the name (an agent's edit wins), language and tags. */
  public record Card(String name, String language, List<String> tags, boolean optedOut) {}

  private final JdbcClient jdbc;

  CustomerDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The cards of these customers that the CRM knows. */
  public Map<String, Card> cards(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> tags = new HashMap<>();
    jdbc.sql(
            "SELECT DISTINCT customer_key, tag FROM customer_tag WHERE customer_key IN (:keys)"
                + " ORDER BY customer_key, tag")
        .param("keys", List.copyOf(keys))
        .query(
            (rs, n) ->
                tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
        .list();
    Map<String, Card> cards = new HashMap<>();
    jdbc.sql(
            "SELECT customer_key, name, preferred_language, marketing_opt_out FROM customer"
                + " WHERE customer_key IN (:keys) AND erased_at IS NULL")
        .param("keys", List.copyOf(keys))
        .query(
            (rs, n) ->
                cards.put(
                    rs.getString(1),
                    new Card(
                        rs.getString(2),
                        rs.getString(3),
                        List.copyOf(tags.getOrDefault(rs.getString(1), List.of())),
                        rs.getBoolean(4))))
        .list();
    return cards;
  }

  /** Customers who carry the tag. */
  public Set<String> withTag(String tag) {
    return new LinkedHashSet<>(
        jdbc.sql(
                "SELECT DISTINCT customer_key FROM customer_tag WHERE tag = ? FETCH FIRST "
                    + MAX_KEYS
                    + " ROWS ONLY")
            .param(Tags.normalize(tag))
            .query(String.class)
            .list());
  }

  /** Customers whose name in the CRM contains the text. */
  public Set<String> named(String text) {
    String like =
        "%"
            + text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
            + "%";
    return new LinkedHashSet<>(
        jdbc.sql(
                "SELECT customer_key FROM customer WHERE LOWER(name) LIKE ? ESCAPE '\\' FETCH FIRST "
                    + MAX_KEYS
                    + " ROWS ONLY")
            .param(like)
            .query(String.class)
            .list());
  }
}
