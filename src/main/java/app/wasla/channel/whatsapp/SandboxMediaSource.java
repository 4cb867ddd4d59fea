package app.wasla.channel.whatsapp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sandbox mode's media: the simulator uploads a file here and sends its id in a Cloud API payload;
 * the mailbox fetches it back as it would from Meta. Held in memory, the latest {@value #KEPT}
 * files (a file is fetched within seconds of its message).
 */
public final class SandboxMediaSource implements MediaSource {

  static final int KEPT = 200;

  private record File(byte[] bytes, String mimeType) {}

  private final Map<String, File> files =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, File> eldest) {
          return size() > KEPT;
        }
      };

  /** Keeps an uploaded file; returns its media id. */
  public synchronized String put(byte[] bytes, String mimeType) {
    String id = "sandbox-" + UUID.randomUUID();
    files.put(id, new File(bytes.clone(), mimeType));
    return id;
  }

  @Override
  public synchronized Located locate(String mediaId) {
    File file = files.get(mediaId);
    if (file == null) {
      throw new MediaFetchException(MediaFetchException.Kind.PERMANENT, "no such sandbox media");
    }
    return new Located("sandbox:" + mediaId, file.mimeType(), (long) file.bytes().length, null);
  }

  @Override
  public long download(Located located, OutputStream target, long maxBytes) {
    File file;
    synchronized (this) {
      file = files.get(located.url().substring("sandbox:".length()));
    }
    if (file == null) {
      throw new MediaFetchException(MediaFetchException.Kind.EXPIRED, "sandbox media is gone");
    }
    try {
      return CloudMediaSource.copy(new ByteArrayInputStream(file.bytes()), target, maxBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
