package app.wasla.conversation.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Reads a stored media file for the endpoints that serve it. */
@Component
public class StoredMedia {

  /** A stored file: whose conversation it belongs to, its type and name, its bytes. */
  public record File(
      long id, String conversationKey, String mimeType, String filename, InputStream content) {}

  private final InboundMedia rows;
  private final MediaStore store;

  StoredMedia(InboundMedia rows, MediaStore store) {
    this.rows = rows;
    this.store = store;
  }

  /** The conversation a media row belongs to, if the row exists. */
  public Optional<String> conversationOf(long id) {
    return rows.find(id).map(InboundMedia.Row::conversationKey);
  }

  /** The file, when it is stored; the caller closes its stream. */
  public Optional<File> open(long id) throws IOException {
    InboundMedia.Row row = rows.find(id).orElse(null);
    if (row == null || !"STORED".equals(row.status()) || row.storageKey() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new File(
            id,
            row.conversationKey(),
            MediaRules.baseType(row.mimeType()),
            row.filename(),
            store.read(row.storageKey())));
  }
}
