package app.wasla.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/**
 * The engine refuses a password that fails the policy with a plain ProcessEngineException, which
 * Camunda's REST API answers with 500; it is the caller's input, so 400 with the same body. Every
 * other exception as Camunda answers it. Ranked before Camunda's own mapper of the same type.
 */
@Priority(Priorities.USER - 100)
public class PasswordPolicyErrors extends ProcessEngineExceptionHandler {

  static final String POLICY_MESSAGE = "Password does not match policy";

  @Override
  public Response toResponse(ProcessEngineException exception) {
    Response response = super.toResponse(exception);
    if (!POLICY_MESSAGE.equals(exception.getMessage())) {
      return response;
    }
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(response.getEntity())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }
}
