package app.wasla.channel.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A photo or document sent by link, as Meta can take it: a public https link goes as it is (Meta
 * fetches it); any other link (http, a private network, Wasla's own address without TLS) is read
 * here, from Wasla's own files or downloaded, checked, uploaded, and sent by its media id. Runs on
 * the outbox's sender thread, never inside a turn's transaction.
 */
final class MediaLinks {

  /** Meta's limit on a photo it sends. */
  static final long IMAGE_LIMIT = 5L * 1024 * 1024;

  /** Wasla's cap on a linked document it uploads (Meta takes up to 100 MB). */
  static final long DOCUMENT_LIMIT = 16L * 1024 * 1024;

  private final OkHttpClient http;
  private final Supplier<List<OwnFiles>> ownFiles;

  MediaLinks(OkHttpClient http, Supplier<List<OwnFiles>> ownFiles) {
    this.http = http;
    this.ownFiles = ownFiles;
  }

  /** Sends the message, an image or document by a link Meta cannot fetch uploaded first. */
  String send(
      OutboundMessage message,
      String phoneNumberId,
      java.util.function.Function<OutboundMessage, String> sender,
      Uploader uploader) {
    if (message instanceof OutboundMessage.Image image && mustUpload(image.link())) {
      OwnFiles.File file = read(image.link(), true);
      String id = uploader.upload(phoneNumberId, file.content(), file.mimeType(), file.filename());
      return sender.apply(OutboundMessage.Image.ofMediaId(id, image.caption()));
    }
    if (message instanceof OutboundMessage.Document doc && mustUpload(doc.link())) {
      OwnFiles.File file = read(doc.link(), false);
      String id = uploader.upload(phoneNumberId, file.content(), file.mimeType(), file.filename());
      return sender.apply(
          new OutboundMessage.Document(
              null, id, doc.filename() != null ? doc.filename() : file.filename(), doc.caption()));
    }
    return sender.apply(message);
  }

  /** The upload of a file for sending. */
  interface Uploader {
    String upload(String phoneNumberId, byte[] content, String mimeType, String filename);
  }

  static boolean mustUpload(String link) {
    return link != null && !link.startsWith("https://");
  }

  /** The file at the link: Wasla's own, else downloaded (at most the kind's limit, of its type). */
  OwnFiles.File read(String link, boolean image) {
    for (OwnFiles own : ownFiles.get()) {
      Optional<OwnFiles.File> file = own.read(link);
      if (file.isPresent()) {
        return checked(link, file.get(), image);
      }
    }
    return checked(link, download(link, image ? IMAGE_LIMIT : DOCUMENT_LIMIT), image);
  }

  private OwnFiles.File download(String link, long limit) {
    Request request = new Request.Builder().url(link).get().build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        throw failure(
            "the file at "
                + link
                + " could not be fetched for upload (HTTP "
                + response.code()
                + ")",
            response.code() >= 500 || response.code() == 429);
      }
      byte[] content;
      try (InputStream in = body.byteStream()) {
        content = in.readNBytes((int) limit + 1);
      }
      if (content.length > limit) {
        throw failure("the file at " + link + " is larger than " + limit + " bytes", false);
      }
      String type = body.contentType() == null ? null : body.contentType().toString();
      String name = link.replaceAll("[?#].*", "").replaceAll(".*/", "");
      return new OwnFiles.File(content, type == null ? null : type.replaceAll(";.*", ""), name);
    } catch (IOException e) {
      throw new CloudApiException(
          "the file at " + link + " could not be fetched for upload: " + e.getMessage(),
          0,
          null,
          null,
          true,
          null,
          e);
    }
  }

  /** A photo must be a JPEG or PNG, a document a PDF, by its first bytes, not by what it says. */
  private static OwnFiles.File checked(String link, OwnFiles.File file, boolean image) {
    byte[] c = file.content();
    String type;
    if (startsWith(c, 0xFF, 0xD8, 0xFF)) {
      type = "image/jpeg";
    } else if (startsWith(c, 0x89, 'P', 'N', 'G')) {
      type = "image/png";
    } else if (startsWith(c, '%', 'P', 'D', 'F')) {
      type = "application/pdf";
    } else {
      type = null;
    }
    boolean fits = image ? type != null && type.startsWith("image/") : type != null;
    if (!fits) {
      throw failure(
          "the file at " + link + " is not a " + (image ? "JPEG or PNG photo" : "PDF"), false);
    }
    String name = file.filename() == null || file.filename().isBlank() ? "file" : file.filename();
    return new OwnFiles.File(file.content(), type, name);
  }

  private static boolean startsWith(byte[] content, int... magic) {
    if (content.length < magic.length) {
      return false;
    }
    return Arrays.equals(Arrays.copyOf(content, magic.length), toBytes(magic));
  }

  private static byte[] toBytes(int[] values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static CloudApiException failure(String message, boolean retryable) {
    return new CloudApiException(message, 0, null, null, retryable, null, null);
  }
}
