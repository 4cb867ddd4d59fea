package app.wasla.conversation;

import app.wasla.engine.EngineSettings;
import app.wasla.engine.EngineSetup;
import app.wasla.system.AfterCommit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Pokes the mailbox after commit whenever a conversation instance reaches a wait state or ends, so
 * that messages buffered while it was busy are delivered at once. Added to every process as it is
 * deployed ({@link EngineSettings}): analysts do not have to remember it in the Modeler.
 */
@Component
public class WaitStateListener implements EngineSetup, ExecutionListener {

  private final ObjectProvider<Mailbox> mailbox;

  WaitStateListener(ObjectProvider<Mailbox> mailbox) {
    this.mailbox = mailbox;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    // in the mailbox's own delivery the mailbox looks again by itself: a poke would cost a read per
    // turn
    if (key == null || Mailbox.isDelivering(key)) {
      return;
    }
    AfterCommit.run(() -> mailbox.getObject().poke(key));
  }

  @Override
  public void beforeInit(EngineSettings settings) {
    settings.addProcessEndListener(this);
    settings.addWaitStateStartListener(this);
  }
}
