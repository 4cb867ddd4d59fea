package app.wasla.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.springframework.stereotype.Component;

/**
 * Camunda's event subscriptions, but a message subscription is deleted without looking for an asynchronous job of
 * its own. Camunda looks for one at every subscription it deletes (a query on ACT_RU_JOB), and every turn deletes the
 * {@code CustomerMessage} subscription of the wait state it leaves: 0.67 queries per message in the chat mix
 * (docs/benchmark.md). Only a signal catch event marked asynchronous can have such a job (Camunda's
 * {@code EventSubscriptionJobDeclaration}, created for signal definitions alone; a message is correlated
 * synchronously), so every other kind still goes Camunda's way.
 */
@Component
class MessageSubscriptionDeletes extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return EventSubscriptionManager.class;
      }

      @Override
      public Session openSession() {
        return new Subscriptions();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** Camunda's manager, with the job lookup left out where no job can exist. */
  static final class Subscriptions extends EventSubscriptionManager {

    @Override
    public void deleteEventSubscription(EventSubscriptionEntity subscription) {
      if (subscription.isSubscriptionForEventType(EventType.MESSAGE)) {
        getDbEntityManager().delete(subscription);
      } else {
        super.deleteEventSubscription(subscription);
      }
    }
  }
}
