package app.wasla.persona;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A turn whose messages are a photo, video, document, sticker, voice note or location without
 * words: what the mailbox's text for them says ({@code [image]}, {@code [voice note]}, {@code 📍
 * ...}) is no question for the persona to read. A caption is the message's text and is read as any
 * text; a voice note's transcript comes as the customer's next message.
 */
final class MediaTurns {

  /** What the mailbox writes for a message that carries a file and no caption. */
  private static final Pattern MARKER =
      Pattern.compile("\\[(image|video|sticker|audio|voice note|document(: .*)?)]");

  /** What follows a voice note that could not be transcribed (the mailbox's media fetcher). */
  static final String UNTRANSCRIBED = app.wasla.conversation.media.MediaFetcher.UNTRANSCRIBED;

  /** The previous turn's intents that make a photo part of a support case. */
  private static final Set<String> SUPPORT =
      Set.of(Intents.COMPLAINT, Intents.BOOKING_NEW, Intents.BOOKING_CHANGE);

  /** Voice notes after which a person listens instead of asking again to type. */
  static final int VOICE_NOTES_BEFORE_HANDOFF = 2;

  /** In the order that decides a burst of several: a voice note carries the question. */
  enum Kind {
    VOICE_UNTRANSCRIBED,
    VOICE,
    LOCATION,
    PHOTO,
    VIDEO,
    FILE,
    /** Files of a type Wasla does not open (a .zip): the customer is told which it does. */
    FILE_REFUSED,
    STICKER
  }

  private MediaTurns() {}

  /** A shared location as the mailbox writes it: {@code 📍 name, address (lat, lng)}. */
  private static final Pattern LOCATION_MARKER =
      Pattern.compile("📍(.*\\(-?\\d+(\\.\\d+)?, -?\\d+(\\.\\d+)?\\))?");

  static boolean isMarker(String line) {
    String l = line == null ? "" : line.strip();
    return MARKER.matcher(l).matches()
        || UNTRANSCRIBED.equals(l)
        || LOCATION_MARKER.matcher(l).matches();
  }

  /** The customer's lines without the media markers (words sent with media are read). */
  static List<String> words(List<String> lines) {
    return lines.stream().filter(l -> l == null || !isMarker(l)).toList();
  }

  private static boolean hasWords(List<String> lines) {
    return lines.stream().anyMatch(l -> l != null && !l.isBlank() && !isMarker(l));
  }

  /**
   * What a turn of markers only carries, the most telling kind first; null for a turn with words.
   */
  static Kind kindOf(List<String> lines) {
    if (lines.isEmpty() || hasWords(lines)) {
      return null;
    }
    Kind kind = null;
    for (String raw : lines) {
      String l = raw == null ? "" : raw.strip();
      if (l.isEmpty()) {
        continue;
      }
      Kind k;
      if (l.startsWith("📍")) {
        k = Kind.LOCATION;
      } else if (UNTRANSCRIBED.equals(l)) {
        k = Kind.VOICE_UNTRANSCRIBED;
      } else if (l.equals("[voice note]") || l.equals("[audio]")) {
        k = Kind.VOICE;
      } else if (l.equals("[image]")) {
        k = Kind.PHOTO;
      } else if (l.equals("[video]")) {
        k = Kind.VIDEO;
      } else if (l.equals("[sticker]")) {
        k = Kind.STICKER;
      } else {
        k = Kind.FILE;
      }
      kind = kind == null || k.ordinal() < kind.ordinal() ? k : kind;
    }
    return kind;
  }

  /**
   * The persona's answer to a turn of media only.
   *
   * @param language the customer's language as the conversation last read it
   * @param previousIntent the conversation's intent before this turn (a support case?)
   * @param voiceNotes voice notes so far, this one included
   * @param transcribes whether voice notes are transcribed (the transcript comes next)
   * @return the result; its reply is null when nothing is to be said (a transcript follows)
   */
  static PersonaResult respond(
      Kind kind, Language language, String previousIntent, int voiceNotes, boolean transcribes) {
    Language in = language == null || language == Language.MIXED ? Language.AR_EG : language;
    Sentiment neutral = Sentiment.ofScore(0);
    return switch (kind) {
      case VOICE ->
          transcribes
              ? result(in, Intents.OTHER, null, false, null, "voice note; its transcript follows")
              : voice(in, voiceNotes);
      case VOICE_UNTRANSCRIBED -> voice(in, voiceNotes);
      case LOCATION ->
          result(
              in,
              Intents.OTHER,
              ReplyTexts.get("locationThanks", in),
              false,
              null,
              "shared a location outside checkout");
      case PHOTO, VIDEO ->
          previousIntent != null && SUPPORT.contains(previousIntent)
              ? new PersonaResult(
                  in,
                  previousIntent,
                  1.0,
                  neutral,
                  Entities.NONE,
                  PersonaReply.text(ReplyTexts.get("mediaHandoff", in)),
                  true,
                  "photo in a support case",
                  "[" + in.tag() + "] " + kind.name().toLowerCase() + " in a support case")
              : result(
                  in,
                  Intents.OTHER,
                  ReplyTexts.get(kind == Kind.PHOTO ? "mediaAskPhoto" : "mediaAskVideo", in),
                  false,
                  null,
                  kind.name().toLowerCase() + " without words");
      case FILE ->
          result(
              in,
              Intents.OTHER,
              ReplyTexts.get("mediaAskFile", in),
              false,
              null,
              "document without words");
      case FILE_REFUSED ->
          result(
              in,
              Intents.OTHER,
              ReplyTexts.get("mediaFileRefused", in),
              false,
              null,
              "document of a type not opened");
      case STICKER ->
          result(in, Intents.OTHER, ReplyTexts.get("mediaAskSticker", in), false, null, "sticker");
    };
  }

  private static PersonaResult voice(Language in, int voiceNotes) {
    return voiceNotes >= VOICE_NOTES_BEFORE_HANDOFF
        ? result(
            in,
            Intents.OTHER,
            ReplyTexts.get("voiceHandoff", in),
            true,
            "voice notes",
            voiceNotes + " voice notes, none transcribed")
        : result(
            in,
            Intents.OTHER,
            ReplyTexts.get("voiceAsk", in),
            false,
            null,
            "voice note, not transcribed");
  }

  private static PersonaResult result(
      Language in, String intent, String reply, boolean handoff, String reason, String summary) {
    return new PersonaResult(
        in,
        intent,
        1.0,
        Sentiment.ofScore(0),
        Entities.NONE,
        reply == null ? null : PersonaReply.text(reply),
        handoff,
        reason,
        "[" + in.tag() + "] " + summary);
  }
}
