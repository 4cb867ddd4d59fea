package app.wasla.persona.playbook;

import java.util.List;
import java.util.Optional;

/** What the persona knows: passages (FAQ, policies, tone of voice) and the product catalogue. */
public record Playbook(List<Passage> passages, List<Product> products) {

  public Playbook {
    passages = List.copyOf(passages);
    products = List.copyOf(products);
  }

  public Optional<Passage> passage(String id) {
    return passages.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public Optional<Product> product(String nameOrSku) {
    return products.stream()
        .filter(p -> p.nameEn().equalsIgnoreCase(nameOrSku) || p.sku().equalsIgnoreCase(nameOrSku))
        .findFirst();
  }
}
