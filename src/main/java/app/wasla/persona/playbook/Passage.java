package app.wasla.persona.playbook;

/** One playbook passage in Arabic and English; intent is the intent it answers best (may be null). */
public record Passage(String id, String intent, String keywords, String ar, String en) {

    /** The text for a reply in Arabic (true) or English (false); falls back to the other language. */
    public String text(boolean arabic) {
        String t = arabic ? ar : en;
        return t == null || t.isBlank() ? (arabic ? en : ar) : t;
    }
}
