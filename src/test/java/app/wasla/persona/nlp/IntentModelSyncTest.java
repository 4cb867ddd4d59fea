package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The intent model is trained on a copy of the evaluation's TRAIN split, and only on that. */
class IntentModelSyncTest {

  @Test
  void shippedTrainingDataIsTheTrainSplit() {
    assertThat(IntentModel.load(IntentModel.DEFAULT_RESOURCE))
        .as(
            "src/main/resources/persona/model/intent-train.tsv must equal src/test/resources/persona/eval/train.tsv")
        .containsExactlyElementsOf(IntentModel.load("persona/eval/train.tsv"));
  }
}
