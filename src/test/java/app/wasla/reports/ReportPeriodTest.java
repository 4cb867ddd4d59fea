package app.wasla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A report's days are days in the business's time zone (Cairo by default). */
class ReportPeriodTest {

  static final ReportsProperties CAIRO = new ReportsProperties(ZoneId.of("Africa/Cairo"), 366);

  /** 23:30 UTC on 5 December is 01:30 on 6 December in Cairo (UTC+2 in winter). */
  static final Clock LATE_UTC_EVENING =
      Clock.fixed(Instant.parse("2026-12-05T23:30:00Z"), ZoneOffset.UTC);

  @Test
  void aPaymentAt2330UtcBelongsToTheNextCairoDay() {
    ReportPeriod today = ReportPeriod.parse("today", null, null, CAIRO, LATE_UTC_EVENING);
    assertThat(today.from()).isEqualTo(LocalDate.of(2026, 12, 6));
    assertThat(today.dayOf(Instant.parse("2026-12-05T23:30:00Z")))
        .isEqualTo(LocalDate.of(2026, 12, 6));
    assertThat(today.start()).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
    assertThat(today.end()).isEqualTo(Instant.parse("2026-12-06T22:00:00Z"));
  }

  @Test
  void summerTimeMovesTheBoundary() {
    // Egypt keeps daylight saving time (UTC+3) from the last Friday of April to the last Thursday
    // of October
    ReportPeriod july =
        ReportPeriod.parse(null, "2026-07-01", "2026-07-01", CAIRO, LATE_UTC_EVENING);
    assertThat(july.start()).isEqualTo(Instant.parse("2026-06-30T21:00:00Z"));
  }

  @Test
  void sevenDaysEndToday() {
    ReportPeriod week = ReportPeriod.parse("7d", null, null, CAIRO, LATE_UTC_EVENING);
    assertThat(week.days()).hasSize(7).first().isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(week.to()).isEqualTo(LocalDate.of(2026, 12, 6));
  }

  @Test
  void badPeriodsAreRefused() {
    assertThatThrownBy(
            () -> ReportPeriod.parse(null, "2026-12-06", "2026-12-01", CAIRO, LATE_UTC_EVENING))
        .hasMessageContaining("is after");
    assertThatThrownBy(
            () -> ReportPeriod.parse(null, "2025-01-01", "2026-12-01", CAIRO, LATE_UTC_EVENING))
        .hasMessageContaining("at most 366 days");
    assertThatThrownBy(() -> ReportPeriod.parse("1y", null, null, CAIRO, LATE_UTC_EVENING))
        .hasMessageContaining("today, 7d or 30d");
    assertThatThrownBy(() -> ReportPeriod.parse(null, "06/12/2026", null, CAIRO, LATE_UTC_EVENING))
        .hasMessageContaining("a date like");
    // far years: refused with a sentence, never an overflow (500) further on
    for (String[] range :
        new String[][] {
          {"-999999999-01-01", "-999999999-01-02"},
          {"+999999999-12-30", "+999999999-12-31"},
          {"0001-01-01", "0001-01-02"},
          {"1999-12-31", "2000-01-01"}
        }) {
      assertThatThrownBy(
              () -> ReportPeriod.parse(null, range[0], range[1], CAIRO, LATE_UTC_EVENING))
          .isInstanceOf(ReportRequestException.class)
          .hasMessageContaining("a date from 2000-01-01 to 2999-12-31");
    }
    assertThat(ReportPeriod.parse(null, "2000-01-01", "2000-01-02", CAIRO, LATE_UTC_EVENING).days())
        .hasSize(2);
  }
}
