package app.wasla.simulator;

import app.wasla.channel.whatsapp.MediaSource;
import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.SandboxMediaSource;
import app.wasla.channel.whatsapp.WebhookSignature;
import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Transcript;
import app.wasla.conversation.media.StoredMedia;
import app.wasla.notification.TemplateCatalogue;
import app.wasla.notification.TemplatePreview;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator (sandbox mode only): a page to chat as a customer. Each message it sends goes
 * through the real webhook path as a Cloud API payload signed with the app secret; replies are read
 * from the transcript.
 */
@RestController
@Validated
@ConditionalOnProperty(name = "wasla.whatsapp.mode", havingValue = "sandbox", matchIfMissing = true)
class SimulatorController {

  private static final MediaType JSON = MediaType.get("application/json");

  private final WhatsAppProperties whatsapp;
  private final Transcript transcript;
  private final ObjectMapper json;
  private final Clock clock;
  private final OkHttpClient http = new OkHttpClient();
  private final MediaSource sandboxMedia;
  private final StoredMedia stored;
  private final TemplateCatalogue templates;

  SimulatorController(
      WhatsAppProperties whatsapp,
      Transcript transcript,
      ObjectMapper json,
      Clock clock,
      MediaSource sandboxMedia,
      StoredMedia stored,
      TemplateCatalogue templates) {
    this.templates = templates;
    this.sandboxMedia = sandboxMedia;
    this.stored = stored;
    this.whatsapp = whatsapp;
    this.transcript = transcript;
    this.json = json;
    this.clock = clock;
  }

  /**
   * What the page sends: a text, the tap on a reply button, list row or a template's quick reply
   * ({@code replyKind} template: {@code replyId} is its payload, {@code replyTitle} its label), a
   * photo or voice note it uploaded first ({@code mediaId}, {@code mediaKind}, a caption in {@code
   * text}), or a location.
   */
  record CustomerInput(
      @NotBlank @Pattern(regexp = "\\d{6,15}", message = "must be 6 to 15 digits") String waId,
      @Size(max = 100) String name,
      @Size(max = 4096) String text,
      @Size(max = 256) String replyId,
      @Size(max = 100) String replyTitle,
      @Pattern(regexp = "button|list|template") String replyKind,
      @Size(max = 128) String mediaId,
      @Pattern(regexp = "image|audio|video|document|sticker") String mediaKind,
      @Size(max = 128) String mimeType,
      @Size(max = 255) String filename,
      @jakarta.validation.constraints.DecimalMin("-90")
          @jakarta.validation.constraints.DecimalMax("90")
          Double latitude,
      @jakarta.validation.constraints.DecimalMin("-180")
          @jakarta.validation.constraints.DecimalMax("180")
          Double longitude,
      @Size(max = 256) String place) {}

  /** Largest file the page may upload (Meta's largest for audio and video). */
  static final int MAX_UPLOAD = 16 * 1024 * 1024;

  /**
   * A file the page picked (a photo, a voice note): kept by the sandbox's media source, as Meta
   * keeps a customer's media; the page then sends its id in a Cloud API payload.
   */
  @PostMapping(value = "/simulator/api/media", consumes = "*/*")
  ResponseEntity<?> upload(
      @RequestBody byte[] file,
      @org.springframework.web.bind.annotation.RequestHeader("Content-Type") String contentType) {
    if (file.length == 0) {
      return ResponseEntity.badRequest().body(java.util.Map.of("detail", "The file is empty"));
    }
    if (file.length > MAX_UPLOAD) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
          .body(java.util.Map.of("detail", "The file is too large: at most 16 MB"));
    }
    String type;
    try {
      type = org.springframework.http.MediaType.parseMediaType(contentType).toString();
    } catch (RuntimeException e) {
      return ResponseEntity.badRequest().body(java.util.Map.of("detail", "no valid Content-Type"));
    }
    if (!(sandboxMedia instanceof SandboxMediaSource sandbox)) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(java.util.Map.of("detail", "media uploads exist in sandbox mode only"));
    }
    return ResponseEntity.ok(java.util.Map.of("mediaId", sandbox.put(file, type)));
  }

  /** A stored file of a simulator conversation (the page shows the customer's photos). */
  @GetMapping("/simulator/api/media/{id}")
  ResponseEntity<?> media(@org.springframework.web.bind.annotation.PathVariable long id)
      throws IOException {
    java.util.Optional<StoredMedia.File> file = stored.open(id);
    if (file.isEmpty()
        || !file.get().conversationKey().startsWith(whatsapp.sandboxPhoneNumberId() + ":")) {
      file.ifPresent(f -> closeQuietly(f.content()));
      return ResponseEntity.notFound().build();
    }
    org.springframework.http.MediaType type =
        org.springframework.http.MediaType.parseMediaType(file.get().mimeType());
    return ResponseEntity.ok()
        .contentType(type)
        .header("Content-Disposition", "inline")
        .body(new org.springframework.core.io.InputStreamResource(file.get().content()));
  }

  /**
   * A file the shop sent (an agent's attachment, uploaded as to Meta's media endpoint): in sandbox
   * mode it is kept by the sandbox's media source, and the page shows it from here.
   */
  @GetMapping("/simulator/api/sent-media/{mediaId}")
  ResponseEntity<?> sentMedia(
      @org.springframework.web.bind.annotation.PathVariable String mediaId) {
    if (!(sandboxMedia instanceof SandboxMediaSource sandbox) || !mediaId.startsWith("sandbox-")) {
      return ResponseEntity.notFound().build();
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    app.wasla.channel.whatsapp.MediaSource.Located located;
    try {
      located = sandbox.locate(mediaId);
      sandbox.download(located, bytes, MAX_UPLOAD * 7L);
    } catch (app.wasla.channel.whatsapp.MediaFetchException gone) {
      return ResponseEntity.notFound().build();
    }
    org.springframework.http.MediaType type =
        org.springframework.http.MediaType.parseMediaType(located.mimeType());
    boolean inline = "image".equals(type.getType());
    return ResponseEntity.ok()
        .contentType(type)
        .header("Content-Disposition", inline ? "inline" : "attachment")
        .body(bytes.toByteArray());
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @GetMapping(
      value = {"/simulator", "/simulator/"},
      produces = "text/html;charset=UTF-8")
  String page() throws IOException {
    try (InputStream in = new ClassPathResource("simulator/index.html").getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * The page's script, served apart so the page's Content-Security-Policy needs no inline scripts.
   */
  @GetMapping(value = "/simulator/simulator.js", produces = "text/javascript;charset=UTF-8")
  String script() throws IOException {
    try (InputStream in = new ClassPathResource("simulator/simulator.js").getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @PostMapping("/simulator/api/messages")
  ResponseEntity<?> send(@Valid @RequestBody CustomerInput input, HttpServletRequest request)
      throws IOException {
    boolean tap = input.replyId() != null && !input.replyId().isBlank();
    boolean media = input.mediaId() != null && !input.mediaId().isBlank();
    boolean location = input.latitude() != null || input.longitude() != null;
    if (media && input.mediaKind() == null) {
      return ResponseEntity.badRequest().body(java.util.Map.of("detail", "mediaKind is required"));
    }
    if (location && (input.latitude() == null || input.longitude() == null)) {
      return ResponseEntity.badRequest()
          .body(java.util.Map.of("detail", "latitude and longitude are required together"));
    }
    if (!tap && !media && !location && (input.text() == null || input.text().isBlank())) {
      return ResponseEntity.badRequest()
          .body(java.util.Map.of("detail", "text, replyId, mediaId or a location is required"));
    }
    String wamid = "wamid.SIM." + UUID.randomUUID();
    byte[] body = json.writeValueAsBytes(webhook(input, wamid, tap));
    Request post =
        new Request.Builder()
            .url("http://127.0.0.1:" + request.getLocalPort() + "/webhooks/whatsapp")
            .header("X-Hub-Signature-256", WebhookSignature.sign(body, whatsapp.appSecret()))
            .post(okhttp3.RequestBody.create(body, JSON))
            .build();
    try (Response response = http.newCall(post).execute()) {
      if (!response.isSuccessful()) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
            .body(java.util.Map.of("detail", "webhook answered " + response.code()));
      }
    }
    return ResponseEntity.ok(java.util.Map.of("wamid", wamid));
  }

  /**
   * A transcript line as the page shows it: a template send comes with {@code template}, what the
   * customer's phone shows of it (header, the body with its parameters filled in, footer, buttons).
   */
  record Shown(
      @JsonUnwrapped Transcript.Line line,
      @JsonInclude(JsonInclude.Include.NON_NULL) TemplatePreview template) {}

  @GetMapping("/simulator/api/messages")
  List<Shown> messages(@RequestParam @Pattern(regexp = "\\d{6,15}") String waId) {
    return transcript
        .latest(new ConversationKey(whatsapp.sandboxPhoneNumberId(), waId).value(), 200)
        .stream()
        .map(line -> new Shown(line, preview(line)))
        .toList();
  }

  private TemplatePreview preview(Transcript.Line line) {
    if (!"out".equals(line.direction()) || !"template".equals(line.type()) || line.body() == null) {
      return null;
    }
    try {
      return templates.preview(json.readValue(line.body(), OutboundMessage.Template.class));
    } catch (IOException | RuntimeException unreadable) {
      // an erased customer's row keeps no message: the line's text stands
      return null;
    }
  }

  private ObjectNode webhook(CustomerInput input, String wamid, boolean tap) {
    ObjectNode root = json.createObjectNode().put("object", "whatsapp_business_account");
    ObjectNode value =
        root.putArray("entry")
            .addObject()
            .put("id", "SANDBOX-WABA")
            .putArray("changes")
            .addObject()
            .put("field", "messages")
            .putObject("value")
            .put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "201000000000")
        .put("phone_number_id", whatsapp.sandboxPhoneNumberId());
    ArrayNode contacts = value.putArray("contacts");
    ObjectNode contact = contacts.addObject().put("wa_id", input.waId());
    contact.putObject("profile").put("name", input.name() == null ? "" : input.name());
    ObjectNode message =
        value
            .putArray("messages")
            .addObject()
            .put("from", input.waId())
            .put("id", wamid)
            .put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
    if (tap && "template".equals(input.replyKind())) {
      // a template's quick reply comes back as Meta sends it: the payload and the label
      message.put("type", "button");
      message
          .putObject("button")
          .put("payload", input.replyId())
          .put("text", input.replyTitle() == null ? input.replyId() : input.replyTitle());
    } else if (tap) {
      message.put("type", "interactive");
      boolean list = "list".equals(input.replyKind());
      ObjectNode interactive =
          message.putObject("interactive").put("type", list ? "list_reply" : "button_reply");
      interactive
          .putObject(list ? "list_reply" : "button_reply")
          .put("id", input.replyId())
          .put("title", input.replyTitle() == null ? input.replyId() : input.replyTitle());
    } else if (input.mediaId() != null && !input.mediaId().isBlank()) {
      // as Meta sends a customer's media: its id, type and caption; the file is fetched by id
      String kind = input.mediaKind();
      message.put("type", kind);
      ObjectNode media = message.putObject(kind).put("id", input.mediaId());
      if (input.mimeType() != null) {
        media.put("mime_type", input.mimeType());
      }
      if ("audio".equals(kind)) {
        media.put("voice", true);
      }
      if (input.text() != null && !input.text().isBlank() && !"audio".equals(kind)) {
        media.put("caption", input.text());
      }
      if ("document".equals(kind) && input.filename() != null) {
        media.put("filename", input.filename());
      }
    } else if (input.latitude() != null) {
      message.put("type", "location");
      ObjectNode location =
          message
              .putObject("location")
              .put("latitude", input.latitude())
              .put("longitude", input.longitude());
      if (input.place() != null && !input.place().isBlank()) {
        location.put("name", input.place());
      }
    } else {
      message.put("type", "text");
      message.putObject("text").put("body", input.text());
    }
    return root;
  }
}
