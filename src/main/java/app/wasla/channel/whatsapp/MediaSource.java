package app.wasla.channel.whatsapp;

import java.io.OutputStream;

/**
 * Where a customer's media file comes from: the Cloud API ({@code GET /{media-id}} for a
 * short-lived URL, then the download with the bearer token), or in sandbox mode the simulator's
 * uploads.
 */
public interface MediaSource {

  /**
   * What {@code GET /{media-id}} tells: the URL (valid for minutes), the type, and the size if
   * given.
   */
  record Located(String url, String mimeType, Long fileSize, String sha256) {
    @Override
    public String toString() {
      // the URL lets anyone with the token fetch the file: not for logs
      return "Located[mimeType=" + mimeType + ", fileSize=" + fileSize + "]";
    }
  }

  /** Looks the media up; throws {@link MediaFetchException}. */
  Located locate(String mediaId);

  /**
   * Writes the file to {@code target}, at most {@code maxBytes} (more is {@link
   * MediaFetchException.Kind#TOO_LARGE}); an expired URL is {@link
   * MediaFetchException.Kind#EXPIRED}. Returns the number of bytes written.
   */
  long download(Located located, OutputStream target, long maxBytes);
}
