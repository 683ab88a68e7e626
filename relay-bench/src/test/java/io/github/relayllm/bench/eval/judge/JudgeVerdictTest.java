package io.github.relayllm.bench.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JudgeVerdictTest {
    @Test
    void theFirstVerdictWordWinsInAnyCaseAndPunctuation() {
        assertThat(JudgeVerdict.parse("correct")).contains(JudgeVerdict.CORRECT);
        assertThat(JudgeVerdict.parse("**Correct.**")).contains(JudgeVerdict.CORRECT);
        assertThat(JudgeVerdict.parse("INCORRECT")).contains(JudgeVerdict.INCORRECT);
        assertThat(JudgeVerdict.parse("Verdict: incorrect, not correct")).contains(JudgeVerdict.INCORRECT);
        assertThat(JudgeVerdict.parse("The answer is correct; incorrect would be wrong"))
                .contains(JudgeVerdict.CORRECT);
    }

    @Test
    void otherWordsAreNoVerdict() {
        assertThat(JudgeVerdict.parse("")).isEqualTo(Optional.empty());
        assertThat(JudgeVerdict.parse("I cannot tell")).isEmpty();
        assertThat(JudgeVerdict.parse("correctly incorrectness")).isEmpty();
        assertThat(JudgeVerdict.parse("yes")).isEmpty();
    }

    @Test
    void onlyCorrectCountsAsRight() {
        assertThat(JudgeVerdict.CORRECT.correct()).isTrue();
        assertThat(JudgeVerdict.INCORRECT.correct()).isFalse();
    }
}
