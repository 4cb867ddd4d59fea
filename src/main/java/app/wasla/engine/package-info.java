/**
 * Wasla's side of Camunda's engine: the one package that may use Camunda's internal classes ({@code
 * org.camunda.bpm.engine.impl}) and run SQL on Camunda's own tables ({@code ACT_*}, always with the
 * configured table prefix, {@code camunda.bpm.database.table-prefix}). Every other package uses
 * Camunda's public API and the small interfaces here: {@link app.wasla.engine.EngineSetup} (what a
 * capability adds as the engine starts), {@link app.wasla.engine.EngineCommands}, {@link
 * app.wasla.engine.EngineIdentity} and {@link app.wasla.engine.EngineTables}. {@code
 * app.wasla.EngineBoundaryTest} keeps it so.
 *
 * <p>Each class here says what of Camunda's it relies on and, where it exists for speed, the gain
 * it was measured at (docs/benchmark.md); a test beside it fails when a Camunda upgrade changes
 * what it relies on. What saved less than 10 % of messages per second or of CPU per message is not
 * kept (docs/architecture.md, "The engine boundary").
 */
package app.wasla.engine;
