package app.wasla.handoff;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationOwners;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The owner of a conversation's open handoff, as Wasla records it ({@code handoff_owner}). */
@Component
class HandoffConversationOwners implements ConversationOwners {

  private final HandoffDirectory directory;
  private final HandoffOwnership ownership;

  HandoffConversationOwners(HandoffDirectory directory, HandoffOwnership ownership) {
    this.directory = directory;
    this.ownership = ownership;
  }

  @Override
  public Optional<String> personInCharge(ConversationKey key) {
    HandoffDirectory.Open open = directory.open(List.of(key.value())).get(key.value());
    return open == null
        ? Optional.empty()
        : Optional.ofNullable(ownership.owner(open.taskId(), open.assignee()));
  }
}
