package app.wasla.conversation.media;

import java.util.Optional;

/** The configured photo describer, if any. */
final class PhotoDescribers {

  private final PhotoDescriber describer;

  PhotoDescribers(PhotoDescriber describer) {
    this.describer = describer;
  }

  Optional<PhotoDescriber> get() {
    return Optional.ofNullable(describer);
  }
}
