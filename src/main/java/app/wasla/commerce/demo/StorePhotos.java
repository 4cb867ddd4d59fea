package app.wasla.commerce.demo;

import app.wasla.channel.whatsapp.OwnFiles;
import app.wasla.commerce.CommerceProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo store's product photos ({@code store/products/*.png} in the resources), public at {@code
 * GET /store/products/{file}} like any shop's catalogue pictures: Meta fetches them by link when
 * Wasla's public base URL is https, the simulator shows them; otherwise they are read here and
 * uploaded ({@link OwnFiles}).
 */
@RestController
class StorePhotos implements OwnFiles {

  static final String PATH = "/store/products/";
  private static final Pattern FILE = Pattern.compile("[a-z0-9-]{1,40}\\.png");

  private final String base;

  StorePhotos(CommerceProperties props) {
    String b = props.publicBaseUrl();
    this.base = (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + PATH;
  }

  @GetMapping(PATH + "{file}")
  ResponseEntity<byte[]> photo(@PathVariable String file) {
    return bytes(file)
        .map(
            b ->
                ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                    .body(b))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @Override
  public Optional<File> read(String link) {
    if (link == null || !link.startsWith(base)) {
      return Optional.empty();
    }
    String file = link.substring(base.length());
    return bytes(file).map(b -> new File(b, "image/png", file));
  }

  private static Optional<byte[]> bytes(String file) {
    Matcher m = FILE.matcher(file);
    if (!m.matches()) {
      return Optional.empty();
    }
    try (InputStream in = StorePhotos.class.getResourceAsStream("/store/products/" + file)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
