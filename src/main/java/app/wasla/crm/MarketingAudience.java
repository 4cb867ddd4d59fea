package app.wasla.crm;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who a marketing campaign may reach: the customers of one business number who opted in (START, or
 * consent the shop captured) and have not opted out since (on any business number: the business is
 * one sender to the customer), and are not erased, narrowed by the campaign's filters.
 */
@Component
public class MarketingAudience {

  /**
   * A campaign's filters; each one empty or null matches everyone. Tags and cities match any of the
   * given (tags as stored: lower case, '_' for spaces); a language matches the customer's preferred
   * one or its region variants ({@code ar} matches {@code ar-EG}, and Arabizi, Arabic in Latin
   * letters); the city is the customer attribute {@code city}, case aside.
   */
  public record Filter(
      String phoneNumberId,
      List<String> tags,
      List<String> languages,
      Instant lastOrderAfter,
      Instant lastOrderBefore,
      BigDecimal minTotalSpend,
      BigDecimal maxTotalSpend,
      List<String> cities) {
    public Filter {
      tags = tags == null ? List.of() : List.copyOf(tags);
      languages = languages == null ? List.of() : List.copyOf(languages);
      cities = cities == null ? List.of() : List.copyOf(cities);
    }
  }

  /** One customer of the audience, with what a template's parameters may be filled from. */
  public record Member(
      String customerKey,
      String waId,
      String name,
      String preferredLanguage,
      int orders,
      BigDecimal totalSpend,
      Instant lastOrderAt,
      Map<String, String> attributes) {}

  /** How many match the filters, and how many of them marketing may reach (consent). */
  public record Count(long matching, long reachable) {}

  private final JdbcClient jdbc;

  MarketingAudience(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Count count(Filter filter) {
    List<Object> params = new ArrayList<>();
    String filters = where(filter, params);
    long matching =
        jdbc.sql("SELECT COUNT(*) FROM customer c WHERE " + filters)
            .params(params)
            .query(Long.class)
            .single();
    List<Object> consentParams = new ArrayList<>();
    String reachable = where(filter, consentParams) + CONSENTED;
    long reached =
        jdbc.sql("SELECT COUNT(*) FROM customer c WHERE " + reachable)
            .params(consentParams)
            .query(Long.class)
            .single();
    return new Count(matching, reached);
  }

  /** The reachable members, by customer key, at most {@code limit}; attributes included. */
  public List<Member> members(Filter filter, int limit) {
    List<Object> params = new ArrayList<>();
    String sql =
        "SELECT c.customer_key, c.wa_id, c.name, c.preferred_language, c.orders, c.total_spend,"
            + " c.last_order_at FROM customer c WHERE "
            + where(filter, params)
            + CONSENTED
            + " ORDER BY c.customer_key"
            + (limit < Integer.MAX_VALUE
                ? " FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY"
                : "");
    List<Member> bare = jdbc.sql(sql).params(params).query((rs, n) -> member(rs)).list();
    Map<String, Map<String, String>> attributes = new HashMap<>();
    for (int from = 0; from < bare.size(); from += 500) {
      List<String> keys =
          bare.subList(from, Math.min(bare.size(), from + 500)).stream()
              .map(Member::customerKey)
              .toList();
      jdbc.sql(
              "SELECT customer_key, name, val FROM customer_attribute WHERE customer_key IN ("
                  + marks(keys.size())
                  + ")")
          .params(new ArrayList<>(keys))
          .query(
              rs -> {
                attributes
                    .computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                    .put(rs.getString(2), rs.getString(3));
              });
    }
    return bare.stream()
        .map(
            m ->
                new Member(
                    m.customerKey(),
                    m.waId(),
                    m.name(),
                    m.preferredLanguage(),
                    m.orders(),
                    m.totalSpend(),
                    m.lastOrderAt(),
                    attributes.getOrDefault(m.customerKey(), Map.of())))
        .toList();
  }

  /**
   * When each of these customers opted out of marketing, for those who have (on any business
   * number: the latest opt-out of their WhatsApp number).
   */
  public Map<String, Instant> optedOut(java.util.Collection<String> customerKeys) {
    Map<String, Instant> found = new HashMap<>();
    List<String> keys = List.copyOf(customerKeys);
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
      jdbc.sql(
              "SELECT c.customer_key, MAX(o.consent_changed_at) FROM customer c JOIN customer o"
                  + " ON o.wa_id = c.wa_id AND o.marketing_opt_out = TRUE"
                  + " WHERE c.customer_key IN ("
                  + marks(chunk.size())
                  + ") GROUP BY c.customer_key")
          .params(new ArrayList<Object>(chunk))
          .query(
              rs -> {
                OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                found.put(rs.getString(1), at == null ? Instant.EPOCH : at.toInstant());
              });
    }
    return found;
  }

  /** Opted in, not opted out on any business number, not erased. */
  private static final String CONSENTED =
      " AND c.marketing_opt_in_at IS NOT NULL AND c.marketing_opt_out = FALSE"
          + " AND NOT EXISTS (SELECT 1 FROM customer o WHERE o.wa_id = c.wa_id"
          + " AND o.marketing_opt_out = TRUE)";

  private static String where(Filter f, List<Object> params) {
    StringBuilder sql = new StringBuilder("c.phone_number_id = ? AND c.erased_at IS NULL");
    params.add(f.phoneNumberId());
    if (!f.tags().isEmpty()) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM customer_tag t WHERE t.customer_key = c.customer_key"
              + " AND t.tag IN ("
              + marks(f.tags().size())
              + "))");
      // tags are stored lower-cased with '_' for spaces (Tags), so a filter matches them so too
      f.tags().forEach(t -> params.add(t.strip().toLowerCase(Locale.ROOT).replace(' ', '_')));
    }
    if (!f.languages().isEmpty()) {
      sql.append(" AND (");
      for (int i = 0; i < f.languages().size(); i++) {
        String language = f.languages().get(i).toLowerCase(Locale.ROOT);
        sql.append(i == 0 ? "" : " OR ")
            .append("LOWER(c.preferred_language) = ? OR LOWER(c.preferred_language) LIKE ?");
        params.add(language);
        params.add(language + "-%");
        if (language.equals("ar")) {
          // Arabizi is Arabic in Latin letters: its writers get the Arabic template too
          sql.append(" OR LOWER(c.preferred_language) = 'arabizi'");
        }
      }
      sql.append(")");
    }
    if (f.lastOrderAfter() != null) {
      sql.append(" AND c.last_order_at >= ?");
      params.add(CustomerStore.utc(f.lastOrderAfter()));
    }
    if (f.lastOrderBefore() != null) {
      sql.append(" AND c.last_order_at < ?");
      params.add(CustomerStore.utc(f.lastOrderBefore()));
    }
    if (f.minTotalSpend() != null) {
      sql.append(" AND c.total_spend >= ?");
      params.add(f.minTotalSpend());
    }
    if (f.maxTotalSpend() != null) {
      sql.append(" AND c.total_spend <= ?");
      params.add(f.maxTotalSpend());
    }
    if (!f.cities().isEmpty()) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM customer_attribute a WHERE a.customer_key = c.customer_key"
              + " AND a.name = 'city' AND LOWER(a.val) IN ("
              + marks(f.cities().size())
              + "))");
      f.cities().forEach(city -> params.add(city.strip().toLowerCase(Locale.ROOT)));
    }
    return sql.toString();
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static Member member(ResultSet rs) throws SQLException {
    OffsetDateTime last = rs.getObject(7, OffsetDateTime.class);
    return new Member(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getBigDecimal(6),
        last == null ? null : last.toInstant(),
        Map.of());
  }
}
