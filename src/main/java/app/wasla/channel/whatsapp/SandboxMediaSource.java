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
 * files and at most {@value #KEPT_BYTES} bytes (a file is fetched within seconds of its message).
 */
public final class SandboxMediaSource implements MediaSource {

  static final int KEPT = 200;

  static final long KEPT_BYTES = 64L * 1024 * 1024;

  private long bytes;

  private record File(byte[] bytes, String mimeType) {}

  private final Map<String, File> files =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, File> eldest) {
          if (size() > KEPT) {
            bytes -= eldest.getValue().bytes().length;
            return true;
          }
          return false;
        }
      };

  /** Keeps an uploaded file; returns its media id. */
  public synchronized String put(byte[] content, String mimeType) {
    String id = "sandbox-" + UUID.randomUUID();
    files.put(id, new File(content.clone(), mimeType));
    bytes += content.length;
    var eldest = files.entrySet().iterator();
    while (bytes > KEPT_BYTES && files.size() > 1 && eldest.hasNext()) {
      bytes -= eldest.next().getValue().bytes().length;
      eldest.remove();
    }
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
