package app.wasla.conversation.media;

import app.wasla.channel.whatsapp.MediaFetchException;
import app.wasla.channel.whatsapp.MediaSource;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.NewInboxEntry;
import app.wasla.system.AfterCommit;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fetches customers' media files after their message is stored: at once (the Cloud API's URLs
 * expire after minutes), then by a sweep with doubling backoff; checks type and size against Meta's
 * limits and Wasla's cap, keeps the file in the {@link MediaStore}, and transcribes a voice note
 * when a transcription endpoint is configured (the transcript enters the mailbox as the customer's
 * next message). The message's turn never waits for any of it.
 */
@Component
public class MediaFetcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);

  /** The text of a voice note that could not be transcribed, as its follow-up message says. */
  public static final String UNTRANSCRIBED = "[voice note: not transcribed]";

  /** The message type of a voice note's transcript in the inbox. */
  public static final String TRANSCRIPT_TYPE = "transcript";

  private final InboundMedia rows;
  private final MediaSource source;
  private final MediaStore store;
  private final MediaRules rules;
  private final MediaProperties props;
  private final Transcribers transcribers;
  private final PhotoDescribers describers;
  private final Inbox inbox;
  private final Mailbox mailbox;
  private final Clock clock;

  private final io.micrometer.core.instrument.MeterRegistry metrics;

  private volatile ExecutorService workers;
  private volatile ScheduledExecutorService sweeper;
  private volatile boolean running;

  MediaFetcher(
      InboundMedia rows,
      MediaSource source,
      MediaStore store,
      MediaRules rules,
      MediaProperties props,
      Transcribers transcribers,
      PhotoDescribers describers,
      Inbox inbox,
      Mailbox mailbox,
      Clock clock,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.metrics = metrics;
    this.rows = rows;
    this.source = source;
    this.store = store;
    this.rules = rules;
    this.props = props;
    this.transcribers = transcribers;
    this.describers = describers;
    this.inbox = inbox;
    this.mailbox = mailbox;
    this.clock = clock;
  }

  /** Whether media files are fetched at all. */
  public boolean enabled() {
    return props.enabled();
  }

  /**
   * Whether a file of this kind and type is kept (a document: {@code wasla.media.document-types});
   * Meta's webhook names the type, so a refused file is known before any download.
   */
  public boolean takes(String kind, String mimeType) {
    return rules.allowed(kind, mimeType);
  }

  /** Whether voice notes are transcribed. */
  public boolean transcribes() {
    return props.enabled() && transcribers.enabled();
  }

  /** Fetches the row's file soon, on a worker (after the caller's commit, if in a transaction). */
  public void fetchSoon(long id) {
    AfterCommit.run(() -> submit(id));
  }

  private void submit(long id) {
    ExecutorService pool = workers;
    if (!running || pool == null) {
      return; // the sweep takes it
    }
    try {
      pool.execute(() -> attempt(id));
    } catch (RejectedExecutionException e) {
      // stopping: the sweep of the next start takes it
    }
  }

  /** Takes what is due: retries, and rows a stopped node left. */
  void sweep() {
    try {
      for (long id : rows.due(clock.instant(), 50)) {
        submit(id);
      }
    } catch (RuntimeException e) {
      log.warn("Media sweep failed: {}", e.toString());
    }
  }

  /** One attempt on one row; does nothing when another worker or node holds it. */
  void attempt(long id) {
    Instant now = clock.instant();
    if (!rows.claim(id, now, now.plus(props.lease()))) {
      return;
    }
    InboundMedia.Row row = rows.find(id).orElse(null);
    if (row == null) {
      return;
    }
    try {
      if ("PENDING".equals(row.status())) {
        download(row);
        row = rows.find(id).orElse(null);
        if (row == null) {
          return;
        }
      }
      if ("STORED".equals(row.status()) && "PENDING".equals(row.transcriptStatus())) {
        transcribe(row);
      }
    } catch (Rejected e) {
      log.info("Media {} refused: {}", id, e.getMessage());
      rows.rejected(id, "REJECTED", e.getMessage());
      count("rejected");
      voiceNoteUnheard(row);
    } catch (MediaFetchException e) {
      switch (e.kind()) {
        case TOO_LARGE -> {
          log.info("Media {} refused: {}", id, e.getMessage());
          rows.rejected(id, "REJECTED", e.getMessage());
          count("rejected");
          voiceNoteUnheard(row);
        }
        case PERMANENT -> {
          log.warn("Media {} cannot be fetched: {}", id, e.getMessage());
          rows.rejected(id, "FAILED", e.getMessage());
          count("failed");
          voiceNoteUnheard(row);
        }
        default -> retryOrFail(row, e.getMessage());
      }
    } catch (Transcriber.TranscriptionException e) {
      if (e.retryable()) {
        retryOrFail(row, e.getMessage());
      } else {
        log.warn("Voice note {} not transcribed: {}", row.id(), e.getMessage());
        rows.transcribed(id, null);
        voiceNoteUnheard(row);
      }
    } catch (IOException | RuntimeException e) {
      retryOrFail(row, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void retryOrFail(InboundMedia.Row row, String reason) {
    int attempts = row.attempts() + 1;
    if (attempts >= props.attempts()) {
      log.warn("Media {} failed after {} attempts: {}", row.id(), attempts, reason);
      if ("STORED".equals(row.status())) {
        rows.transcribed(row.id(), null);
      } else {
        rows.retry(row.id(), attempts, clock.instant(), reason);
        rows.rejected(row.id(), "FAILED", reason);
        count("failed");
      }
      voiceNoteUnheard(row);
      return;
    }
    Duration wait = props.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
    log.info("Media {}: attempt {} failed ({}), next in {}", row.id(), attempts, reason, wait);
    rows.retry(row.id(), attempts, clock.instant().plus(wait), reason);
    count("retry");
  }

  /** {@code wasla_media_files_total{result=stored|rejected|failed|retry}}. */
  private void count(String result) {
    metrics.counter("wasla.media.files", "result", result).increment();
  }

  private void download(InboundMedia.Row row) throws IOException {
    MediaSource.Located located = source.locate(row.mediaId());
    String mimeType = located.mimeType() != null ? located.mimeType() : row.mimeType();
    if (!rules.allowed(row.kind(), mimeType)) {
      throw new Rejected(
          "type " + MediaRules.baseType(mimeType) + " is not taken for " + row.kind());
    }
    long max = rules.maxBytes(row.kind());
    if (located.fileSize() != null && located.fileSize() > max) {
      throw new MediaFetchException(
          MediaFetchException.Kind.TOO_LARGE,
          "media has " + located.fileSize() + " bytes, more than " + max);
    }
    Written written = new Written();
    String key;
    try {
      key = writeFile(located, mimeType, max, written);
    } catch (MediaFetchException e) {
      if (e.kind() != MediaFetchException.Kind.EXPIRED) {
        throw e;
      }
      // the URL expired between lookup and download: a fresh one, once
      located = source.locate(row.mediaId());
      written = new Written();
      key = writeFile(located, mimeType, max, written);
    }
    if (!MediaRules.looksLike(mimeType, written.head, written.headLength)) {
      store.delete(key);
      throw new Rejected("content is not " + MediaRules.baseType(mimeType));
    }
    boolean transcribe = "PENDING".equals(row.transcriptStatus()) && transcribes();
    boolean kept =
        rows.stored(
            row.id(),
            key,
            mimeType,
            written.size,
            HexFormat.of().formatHex(written.digest.digest()),
            transcribe,
            clock.instant(),
            clock.instant().plus(props.lease()));
    if (!kept) {
      // the customer was erased while the file came in: it is not kept
      store.delete(key);
      return;
    }
    log.debug("Media {} stored ({} bytes)", row.id(), written.size);
    count("stored");
    if ("image".equals(row.kind())) {
      describe(row.id(), key, mimeType);
    }
  }

  private String writeFile(MediaSource.Located located, String mimeType, long max, Written written)
      throws IOException {
    return store.write(
        MediaRules.extension(mimeType),
        out -> written.size = source.download(located, written.wrap(out), max));
  }

  /** A photo's description for the agents, when a vision model is configured; best effort. */
  private void describe(long id, String key, String mimeType) {
    PhotoDescriber describer = describers.get().orElse(null);
    if (describer == null) {
      return;
    }
    try (InputStream in = store.read(key)) {
      describer
          .describe(in.readAllBytes(), MediaRules.baseType(mimeType))
          .ifPresent(text -> rows.described(id, text));
    } catch (IOException | RuntimeException e) {
      log.info("Photo {} not described: {}", id, e.toString());
    }
  }

  private void transcribe(InboundMedia.Row row) throws IOException {
    Transcriber transcriber = transcribers.get().orElse(null);
    if (transcriber == null) {
      rows.transcribed(row.id(), null);
      voiceNoteUnheard(row);
      return;
    }
    byte[] audio;
    try (InputStream in = store.read(row.storageKey())) {
      audio = in.readAllBytes();
    }
    String text =
        transcriber.transcribe(
            audio, row.mimeType(), "voice." + MediaRules.extension(row.mimeType()));
    if (text == null || text.isBlank()) {
      rows.transcribed(row.id(), null);
      voiceNoteUnheard(row);
      return;
    }
    rows.transcribed(row.id(), text);
    follow(row, TRANSCRIPT_TYPE, text);
  }

  /**
   * A voice note that was to be transcribed and will not be: the customer's turn gets a follow-up
   * that says so, and the persona asks them to type.
   */
  private void voiceNoteUnheard(InboundMedia.Row row) {
    if ("PENDING".equals(row.transcriptStatus())) {
      rows.transcribed(row.id(), null);
      follow(row, "transcript_failed", UNTRANSCRIBED);
    }
  }

  /** Hands the voice note's outcome to the mailbox as the customer's next message. */
  private void follow(InboundMedia.Row row, String type, String text) {
    Instant now = clock.instant();
    ConversationKey key = ConversationKey.parse(row.conversationKey());
    boolean accepted =
        inbox.accept(
            new NewInboxEntry(
                row.wamid() + ".transcript",
                key,
                Mailbox.CUSTOMER_MESSAGE,
                type,
                text,
                null,
                row.wamid(),
                null,
                null,
                null,
                null,
                null,
                now,
                now,
                false));
    if (accepted) {
      mailbox.poke(key.value());
    }
  }

  /** Counts, digests and keeps the first bytes of what is written. */
  private static final class Written {
    final byte[] head = new byte[16];
    int headLength;
    long size;
    final MessageDigest digest;

    Written() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    OutputStream wrap(OutputStream out) {
      return new FilterOutputStream(out) {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          int take = Math.min(len, head.length - headLength);
          if (take > 0) {
            System.arraycopy(b, off, head, headLength, take);
            headLength += take;
          }
          digest.update(b, off, len);
          out.write(b, off, len);
        }
      };
    }
  }

  /** A file Wasla does not take: a type outside the rules, or content that is not its type. */
  private static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }

  @Override
  public void start() {
    if (!props.enabled()) {
      log.info("Media fetching is off (wasla.media.enabled=false); messages are still stored");
      return;
    }
    workers = Executors.newFixedThreadPool(props.workers(), AfterCommit.daemonThreads("media-"));
    sweeper = Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("media-sweep-"));
    running = true;
    sweeper.scheduleWithFixedDelay(
        this::sweep, 0, props.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 300;
  }
}
