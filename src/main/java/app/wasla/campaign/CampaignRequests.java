package app.wasla.campaign;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads a campaign's definition strictly: a misspelt field ("audiance", "startsAt", a filter
 * "city") would otherwise be dropped without a word and widen the audience to everyone, or start
 * the campaign at once. Each mistake is an {@link IllegalArgumentException} naming the field.
 */
@Component
public class CampaignRequests {

  private final ObjectReader reader;

  CampaignRequests(ObjectMapper json) {
    this.reader =
        json.readerFor(Campaigns.CreateRequest.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  public Campaigns.CreateRequest read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("the body: a JSON object with the campaign's fields");
    }
    try {
      return reader.readValue(body);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : " (known: "
                  + e.getKnownPropertyIds().stream()
                      .map(String::valueOf)
                      .sorted()
                      .collect(Collectors.joining(", "))
                  + ")";
      throw new IllegalArgumentException(
          where(e, true) + "unknown field '" + e.getPropertyName() + "'" + known);
    } catch (InvalidFormatException e) {
      String expected =
          e.getTargetType() == Instant.class
              ? "a time such as 2026-12-24T08:00:00Z"
              : "a " + e.getTargetType().getSimpleName();
      throw new IllegalArgumentException(where(e, false) + "not " + expected);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(where(e, false) + "not of the expected type");
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not the campaign's JSON");
    }
  }

  /** The field's path, e.g. {@code audience.cities: }; without the last step for an unknown one. */
  private static String where(JsonMappingException e, boolean parentOnly) {
    var path = e.getPath();
    int end = parentOnly ? path.size() - 1 : path.size();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < end; i++) {
      JsonMappingException.Reference r = path.get(i);
      if (r.getFieldName() != null) {
        s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.isEmpty() ? "" : s + ": ";
  }
}
