package app.wasla.persona;

import java.math.BigDecimal;
import java.util.List;

/** What the CRM knows about the customer. */
public record CustomerContext(String name, String preferredLanguage, List<String> tags, BigDecimal totalSpend,
                              int orders, BigDecimal openBalance) {

    public CustomerContext {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
