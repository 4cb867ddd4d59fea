package app.wasla.conversation;

import app.wasla.system.AfterCommit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;

/**
 * Pokes the mailbox after commit whenever a conversation instance reaches a wait state or ends, so that
 * messages buffered while it was busy are delivered at once. Added to every process by a parse listener:
 * analysts do not have to remember it in the Modeler.
 */
@Component
public class WaitStateListener extends AbstractProcessEnginePlugin implements ExecutionListener {

  private final ObjectProvider<Mailbox> mailbox;

  WaitStateListener(ObjectProvider<Mailbox> mailbox) {
    this.mailbox = mailbox;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    // in the mailbox's own delivery the mailbox looks again by itself: a poke would cost a read per turn
    if (key == null || Mailbox.isDelivering(key)) {
      return;
    }
    AfterCommit.run(() -> mailbox.getObject().poke(key));
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity definition) {
        definition.addListener(ExecutionListener.EVENTNAME_END, WaitStateListener.this);
      }

      @Override
      public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        addStart(activity);
      }

      @Override
      public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
        addStart(activity);
      }

      @Override
      public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        addStart(activity);
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        addStart(activity);
      }
    });
  }

  private void addStart(ActivityImpl activity) {
    activity.addListener(ExecutionListener.EVENTNAME_START, this);
  }
}
