package app.wasla.conversation.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where media files are kept: a folder ({@link FileMediaStore}) or an S3-compatible bucket ({@link
 * S3MediaStore}), by {@code wasla.media.store}.
 */
public interface MediaStore {

  /** Writes the file's bytes to the stream it is given. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Stores a new file under a name of the store's choosing, complete or not at all; returns its
   * key.
   */
  String write(String extension, Content content) throws IOException;

  /** Opens a stored file. */
  InputStream read(String key) throws IOException;

  /** Removes a stored file, if it is there. */
  void delete(String key) throws IOException;
}
