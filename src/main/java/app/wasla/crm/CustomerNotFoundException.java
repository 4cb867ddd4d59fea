package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No customer with this key; a 404 ProblemDetail at the REST edge. */
public class CustomerNotFoundException extends ErrorResponseException {

  static final URI TYPE = URI.create("https://wasla.app/problems/customer-not-found");

  CustomerNotFoundException(String customerKey) {
    super(HttpStatus.NOT_FOUND, problem(customerKey), null);
  }

  private static ProblemDetail problem(String customerKey) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND, "No customer " + ConversationKey.mask(customerKey));
    p.setType(TYPE);
    p.setTitle("Customer not found");
    return p;
  }
}
