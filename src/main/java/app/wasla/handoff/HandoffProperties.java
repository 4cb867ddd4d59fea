package app.wasla.handoff;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How handoffs are routed to agents and how long a customer may wait for a person's first answer.
 */
@ConfigurationProperties("wasla.handoff")
public record HandoffProperties(
    /* An agent never holds more open handoffs than this; more wait in the team's queue. */
    @DefaultValue("5") int maxOpenPerAgent,
    /* Whether an agent who never said otherwise counts as available. */
    @DefaultValue("true") boolean defaultAvailable,
    @DefaultValue("PT5M") Duration firstResponse,
    /* Per team (Camunda group), a first-response deadline other than the default. */
    Map<String, Duration> firstResponseByGroup,
    /* The group that overdue handoffs are escalated to; its members may take over any handoff. */
    @DefaultValue("supervisors") String supervisorGroup,
    @DefaultValue("30") int transcriptLines,
    /* While the customer waits for a person's first answer, at most one written acknowledgement this often; a
    message in between gets a reaction. */
    @DefaultValue("PT2M") Duration acknowledgeEvery,
    /* When the agents reply, every day, in the business's time zone: the playbook's hours passage
    tells customers the same ("our colleagues reply from 10 am to 10 pm"). Outside these hours a
    handoff promises the opening time, not minutes, and its first-response deadline counts from
    the opening. opens equal to closes: around the clock. */
    @DefaultValue("10:00") LocalTime staffOpens,
    @DefaultValue("22:00") LocalTime staffCloses,
    @DefaultValue("Africa/Cairo") ZoneId zone,
    /* Per agent (Camunda user id), the name customers read in Arabic replies ("سارة"); without one,
    an Arabic first name of the Camunda user, else no name ("فريقنا"): a Latin name is never put
    inside an Arabic sentence. */
    Map<String, String> agentNamesAr,
    /* After the holding message (the first-response deadline passed), while nobody has answered,
    a short "still waiting" reminder this often, during the agents' hours only. */
    @DefaultValue("PT10M") Duration reminderEvery,
    /* At most this many reminders after the holding message; 0: none. */
    @DefaultValue("3") int remindersMax) {

  public HandoffProperties {
    firstResponseByGroup =
        firstResponseByGroup == null ? Map.of() : Map.copyOf(firstResponseByGroup);
    acknowledgeEvery = acknowledgeEvery == null ? Duration.ofMinutes(2) : acknowledgeEvery;
    staffOpens = staffOpens == null ? LocalTime.of(10, 0) : staffOpens;
    staffCloses = staffCloses == null ? LocalTime.of(22, 0) : staffCloses;
    zone = zone == null ? ZoneId.of("Africa/Cairo") : zone;
    agentNamesAr = agentNamesAr == null ? Map.of() : Map.copyOf(agentNamesAr);
    reminderEvery = reminderEvery == null ? Duration.ofMinutes(10) : reminderEvery;
    if (reminderEvery.compareTo(Duration.ofMinutes(1)) < 0) {
      // a reminder is a message to a customer: never a flood, whatever the configuration says
      throw new IllegalArgumentException("wasla.handoff.reminder-every must be at least PT1M");
    }
    if (remindersMax < 0) {
      throw new IllegalArgumentException("wasla.handoff.reminders-max must be at least 0");
    }
    if (maxOpenPerAgent < 1) {
      throw new IllegalArgumentException("wasla.handoff.max-open-per-agent must be at least 1");
    }
  }

  public Duration firstResponseFor(String group) {
    return group == null ? firstResponse : firstResponseByGroup.getOrDefault(group, firstResponse);
  }
}
