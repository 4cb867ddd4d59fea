package app.wasla.channel.whatsapp;

import java.util.Optional;

/**
 * Files that Wasla serves itself at links it sends (the demo store's product photos, an order's
 * invoice): when such a link must be uploaded rather than fetched by Meta (it is not public https),
 * the file is read in-process instead of over HTTP.
 */
public interface OwnFiles {

  /** The file at this link, if it is one of these files; empty otherwise. */
  Optional<File> read(String link);

  /** A file's bytes, its type (e.g. {@code image/png}) and the name the customer sees. */
  record File(byte[] content, String mimeType, String filename) {}
}
