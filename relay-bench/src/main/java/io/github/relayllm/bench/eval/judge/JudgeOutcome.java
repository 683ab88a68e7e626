package io.github.relayllm.bench.eval.judge;

import io.github.relayllm.core.relay.remote.RemoteLlmException;
import java.util.Objects;

/**
 * What asking the judge about one response gave: a verdict, a reply without one, or no reply at all.
 * Only a verdict fills {@code judge_correct}; the other two leave it null and are counted.
 */
public sealed interface JudgeOutcome {
    /** The line's {@code judge_correct}: the verdict, or null when there is none. */
    Boolean judgeCorrect();

    /** The judge answered {@code correct} or {@code incorrect}. */
    record Judged(JudgeVerdict verdict) implements JudgeOutcome {
        public Judged {
            Objects.requireNonNull(verdict, "verdict");
        }

        @Override
        public Boolean judgeCorrect() {
            return verdict.correct();
        }
    }

    /** The judge replied, but with neither word. */
    record Unparseable(String reply) implements JudgeOutcome {
        public Unparseable {
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public Boolean judgeCorrect() {
            return null;
        }
    }

    /** The call failed after every attempt allowed (timeout, error status, malformed body). */
    record Failed(RemoteLlmException error) implements JudgeOutcome {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public Boolean judgeCorrect() {
            return null;
        }
    }
}
