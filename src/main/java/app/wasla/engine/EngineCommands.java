package app.wasla.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.stereotype.Component;

/**
 * Several calls of Camunda's services as one engine command: the calls inside join it (Camunda
 * reuses the command context a command runs in), so that what they change is flushed once, at its
 * end, table by table in JDBC batches, and what one call read is in the command's cache for the
 * next.
 *
 * <p>Relies on: {@code ProcessEngineConfigurationImpl.getCommandExecutorTxRequired()} and its
 * command context being reused by the service calls made inside (EngineCommandsTest fails when a
 * call inside flushes on its own). Measured (docs/benchmark.md, "A turn is one transaction" and
 * "Several conversations per transaction"): a delivery in one command took the execution and
 * subscription reads of the correlation to 0 (with two more changes, +6 to +13 % msgs/s, −6 to −13
 * % CPU per message); the shared transactions of several conversations on PostgreSQL rest on it
 * (+12 % msgs/s and −11 % CPU per message at K=32).
 */
@Component
public class EngineCommands {

  private final CommandExecutor commands;

  EngineCommands(ProcessEngine engine) {
    this.commands =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired();
  }

  /**
   * Runs the work as one engine command. An exception in any of the calls fails the whole command
   * (and the surrounding transaction).
   */
  public <T> T inOneCommand(Supplier<T> work) {
    return commands.execute(commandContext -> work.get());
  }
}
