package app.wasla.conversation;

/**
 * Names of the process variables that the mailbox sets and the flows, forms and DMN tables read.
 */
public final class ConversationVariables {

  public static final String CONVERSATION_KEY = "conversationKey";
  public static final String CUSTOMER_KEY = "customerKey";
  public static final String PHONE_NUMBER_ID = "phoneNumberId";
  public static final String WA_ID = "waId";
  public static final String CUSTOMER_NAME = "customerName";

  /**
   * Epoch milliseconds of the conversation's first customer message: set when it starts, removed
   * with its first reply (FlowMessages).
   */
  public static final String STARTED_AT = "conversationStartedAt";

  /** Sequence number of the latest turn handed to the flow (1 for the first). */
  public static final String TURN_SEQ = "turnSeq";

  /** Texts of the turn's messages, oldest first, one per line. */
  public static final String TURN_TEXT = "turnText";

  /**
   * The id of a tapped reply button or list row, or a template button's payload; null otherwise.
   */
  public static final String REPLY_ID = "replyId";

  /** The wamid of the turn's latest message (mark-as-read, reactions, replies in context). */
  public static final String LAST_WAMID = "lastWamid";

  /**
   * Counts the sends of an instance; rolls back with a failed job, so a retry reuses the same key.
   */
  public static final String SEND_SEQ = "sendSeq";

  /**
   * Transient (never stored), set by the mailbox on a turn whose previous delivery attempt failed:
   * the flow then answers it in a job, whose retries end in an incident.
   */
  public static final String TURN_RETRY = "turnRetry";

  private ConversationVariables() {}
}
