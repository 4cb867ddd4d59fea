package app.wasla.persona;

/**
 * A person's name as an Arabic text writes it ("سارة" for the user sara), or null when none is
 * known: a Latin name never stands inside an Arabic sentence. The handoffs' agent names provide it.
 */
public interface PersonNames {

  String inArabic(String userId);
}
