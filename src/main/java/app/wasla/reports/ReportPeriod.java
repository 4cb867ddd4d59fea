package app.wasla.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's period: whole days {@code from} to {@code to} (both included) in the business's time
 * zone, as the instants [start, end) that the tables are queried with. A day starts at midnight in
 * that zone (Africa/Cairo by default), so an order paid at 23:30 UTC in winter belongs to the next
 * Cairo day.
 */
record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {

  Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** Every day of the period, in order. */
  List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  /** The business day an instant falls on. */
  LocalDate dayOf(Instant at) {
    return at.atZone(zone).toLocalDate();
  }

  /**
   * The period asked for: {@code period} (today, 7d, 30d: ending today) or {@code from} and {@code
   * to} (ISO dates, both included; {@code to} defaults to today, {@code from} to {@code to}).
   */
  static ReportPeriod parse(
      String period, String from, String to, ReportsProperties props, Clock clock) {
    ZoneId zone = props.zone();
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (period != null && !period.isBlank()) {
      if (from != null || to != null) {
        throw new ReportRequestException("give either period or from/to, not both");
      }
      int days =
          switch (period.strip().toLowerCase(Locale.ROOT)) {
            case "today" -> 1;
            case "7d" -> 7;
            case "30d" -> 30;
            default ->
                throw new ReportRequestException(
                    "period must be today, 7d or 30d (or give from and to as dates)");
          };
      return new ReportPeriod(today.minusDays(days - 1L), today, zone);
    }
    LocalDate end = to == null || to.isBlank() ? today : date("to", to);
    LocalDate start = from == null || from.isBlank() ? end : date("from", from);
    if (start.isAfter(end)) {
      throw new ReportRequestException("from (" + start + ") is after to (" + end + ")");
    }
    long days = ChronoUnit.DAYS.between(start, end) + 1;
    if (days > props.maxDays()) {
      throw new ReportRequestException(
          "the period is "
              + days
              + " days; a report covers at most "
              + props.maxDays()
              + " days (a year)");
    }
    return new ReportPeriod(start, end, zone);
  }

  /**
   * The dates a report may name: Wasla keeps nothing older, and years far outside it (year
   * -999999999) break the conversion to instants and the database's timestamps.
   */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

  private static LocalDate date(String name, String value) {
    LocalDate date;
    try {
      date = LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ReportRequestException(
          name + " must be a date like 2026-12-31, not \"" + value + "\"");
    }
    if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
      throw new ReportRequestException(
          name + " must be a date from " + EARLIEST + " to " + LATEST + ", not " + date);
    }
    return date;
  }
}
