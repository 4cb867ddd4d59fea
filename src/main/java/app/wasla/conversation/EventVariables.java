package app.wasla.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** Reads the variables that an external event carries, stored as a JSON object in the inbox. */
final class EventVariables {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventVariables() {}

  static String write(Map<String, Object> variables) {
    try {
      return variables == null || variables.isEmpty() ? null : JSON.writeValueAsString(variables);
    } catch (Exception e) {
      throw new IllegalArgumentException("event variables must be JSON values", e);
    }
  }

  static Map<String, Object> parse(String json) {
    if (json == null || json.isBlank()) {
      return new HashMap<>();
    }
    try {
      return JSON.readValue(json, new TypeReference<HashMap<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException("stored event variables are not a JSON object", e);
    }
  }
}
