package io.github.relayllm.core.relay.protocol;

import java.util.Objects;

/**
 * What one model wrote in one turn.
 *
 * @param text the text it wrote (a kept stop string included, an end-of-generation token not)
 * @param finish why the turn ended
 * @param tokens the tokens it counts against the budget
 */
public record TurnOutput(String text, TurnFinish finish, int tokens) {
    public TurnOutput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finish, "finish");
        if (tokens < 0) {
            throw new IllegalArgumentException("a turn can not write %d tokens".formatted(tokens));
        }
    }
}
