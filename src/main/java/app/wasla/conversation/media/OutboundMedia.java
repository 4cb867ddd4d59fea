package app.wasla.conversation.media;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.OutboundMessages;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Files the shop sends to a customer (an agent's attachment): checked against Meta's limits for
 * sending and Wasla's cap ({@code wasla.media.send-max-size}), uploaded to the Cloud API's media
 * endpoint ({@code POST /{phone-number-id}/media}; in sandbox mode the simulator keeps them), then
 * sent as an image or a document through the outbound path, once per idempotency key: a retried
 * send whose message went out neither uploads nor sends again. A copy is kept in the media store,
 * as a customer's file is, so that the conversation shows what went out.
 */
@Service
public class OutboundMedia {

  /** Meta's limit on a photo it sends (JPEG or PNG). */
  static final long IMAGE_LIMIT = 5 * MediaRules.MB;

  /** Meta's limit on a document. */
  static final long DOCUMENT_LIMIT = 100 * MediaRules.MB;

  /** A file that may not be sent: the message says why, in words for the agent. */
  public static final class RejectedFileException extends RuntimeException {
    private final boolean tooLarge;

    RejectedFileException(String message, boolean tooLarge) {
      super(message);
      this.tooLarge = tooLarge;
    }

    /** Too large (else: a type not sent, or content not of its type). */
    public boolean tooLarge() {
      return tooLarge;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(OutboundMedia.class);

  private final OutboundMessages outbound;
  private final MediaProperties props;
  private final MediaStore store;
  private final InboundMedia rows;
  private final Clock clock;

  OutboundMedia(
      OutboundMessages outbound,
      MediaProperties props,
      MediaStore store,
      InboundMedia rows,
      Clock clock) {
    this.outbound = outbound;
    this.props = props;
    this.store = store;
    this.rows = rows;
    this.clock = clock;
  }

  /** The largest file an agent may send: Wasla's cap, at most Meta's largest (a document's). */
  public long maxSize() {
    return Math.min(props.sendMaxSize().toBytes(), DOCUMENT_LIMIT);
  }

  /**
   * Checks a file before anything is uploaded: a JPEG or PNG photo (at most 5 MB) or a PDF (at most
   * 100 MB), within Wasla's cap, whose first bytes are what its type says.
   *
   * @return {@code image} or {@code document}
   * @throws RejectedFileException when it may not be sent
   */
  public String check(byte[] content, String mimeType) {
    String type = MediaRules.baseType(mimeType);
    String kind =
        "image/jpeg".equals(type) || "image/png".equals(type)
            ? "image"
            : "application/pdf".equals(type) ? "document" : null;
    if (kind == null) {
      throw new RejectedFileException(
          "Only a photo (JPEG, PNG) or a PDF can be sent, not " + (type == null ? "this" : type),
          false);
    }
    if (content == null || content.length == 0) {
      throw new RejectedFileException("The file is empty", false);
    }
    long limit = Math.min(maxSize(), "image".equals(kind) ? IMAGE_LIMIT : DOCUMENT_LIMIT);
    if (content.length > limit) {
      throw new RejectedFileException(
          "The file is too large: a "
              + ("image".equals(kind) ? "photo" : "PDF")
              + " may have at most "
              + wholeMegabytes(limit)
              + " (this one has "
              + megabytes(content.length)
              + ")",
          true);
    }
    if (!MediaRules.looksLike(type, content, content.length)) {
      throw new RejectedFileException(
          "The file's content is not " + type + " as its type says", false);
    }
    return kind;
  }

  /**
   * Checks, uploads and sends a file with an optional caption; returns the wamid. A send with this
   * key that went out before returns its wamid and uploads nothing.
   *
   * @throws RejectedFileException when the file may not be sent (nothing is uploaded)
   * @throws app.wasla.channel.whatsapp.CloudApiException when Meta refused the upload or the
   *     message (nothing is sent; the same call may be made again)
   */
  public String send(
      ConversationKey key,
      byte[] content,
      String mimeType,
      String filename,
      String caption,
      String idempotencyKey) {
    return send(key, content, mimeType, filename, caption, idempotencyKey, null);
  }

  /** As above, for a file a person sent: the transcript names her (null: not a person's). */
  public String send(
      ConversationKey key,
      byte[] content,
      String mimeType,
      String filename,
      String caption,
      String idempotencyKey,
      app.wasla.conversation.PersonAuthor author) {
    String kind = check(content, mimeType);
    String type = MediaRules.baseType(mimeType);
    String name = safeName(filename, type);
    Optional<String> earlier = outbound.sentWamid(idempotencyKey);
    if (earlier.isPresent()) {
      // the message went out; its copy is kept now if a crash came between the two
      keep(key, earlier.get(), kind, type, name, caption, content);
      return earlier.get();
    }
    String mediaId = outbound.uploadMedia(key, content, type, name);
    OutboundMessage message =
        "image".equals(kind)
            ? OutboundMessage.Image.ofMediaId(mediaId, caption)
            : new OutboundMessage.Document(null, mediaId, name, caption);
    String wamid =
        author == null
            ? outbound.send(key, message, idempotencyKey)
            : outbound.send(key, message, idempotencyKey, author);
    keep(key, wamid, kind, type, name, caption, content);
    return wamid;
  }

  /**
   * Keeps the sent file's copy under the message's wamid. The message has gone out whatever happens
   * here: a store that fails costs the copy (the pages then show "[photo sent: caption]"), not the
   * send.
   */
  private void keep(
      ConversationKey key,
      String wamid,
      String kind,
      String type,
      String name,
      String caption,
      byte[] content) {
    if (wamid == null || rows.has(wamid)) {
      return;
    }
    String storageKey = null;
    try {
      storageKey = store.write(MediaRules.extension(type), out -> out.write(content));
      boolean added =
          rows.recordSent(
              key.value(),
              wamid,
              kind,
              type,
              name,
              caption,
              storageKey,
              content.length,
              sha256(content),
              clock.instant());
      if (!added) {
        store.delete(storageKey);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not keep a copy of the file sent as {}: {}", wamid, e.toString());
      if (storageKey != null) {
        try {
          store.delete(storageKey);
        } catch (IOException ignored) {
          // the copy stays unreferenced in the store; nothing points to it
        }
      }
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The name the customer sees: the agent's file name without folders, or a plain one. */
  static String safeName(String filename, String type) {
    String name = filename == null ? "" : filename.replaceAll(".*[/\\\\]", "").strip();
    name = name.replaceAll("[\\p{Cntrl}\"]", "");
    if (name.isEmpty()) {
      name = "file." + MediaRules.extension(type);
    }
    return name.length() > 240 ? name.substring(name.length() - 240) : name;
  }

  private static String wholeMegabytes(long bytes) {
    return bytes % MediaRules.MB == 0 ? bytes / MediaRules.MB + " MB" : megabytes(bytes);
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) MediaRules.MB);
  }
}
