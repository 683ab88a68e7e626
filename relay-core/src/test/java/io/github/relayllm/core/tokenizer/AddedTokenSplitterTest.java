package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddedTokenSplitterTest {
    private static final TokenTable TOKENS = new TokenTable(
            new String[] {"x", "<|a|>", "<|a|>b", "<|a"},
            new TokenType[] {TokenType.NORMAL, TokenType.CONTROL, TokenType.USER_DEFINED, TokenType.USER_DEFINED});

    @Test
    void takesTheLongestUsableTokenAtEachPosition() {
        String text = "<|a|>bc<|a|>c<|a";
        assertThat(fragments(text, true)).containsExactly("#2", "c", "#1", "c", "#3");
        // Without specials, <|a|> is text: the user-defined <|a matches inside it.
        assertThat(fragments(text, false)).containsExactly("#2", "c", "#3", "|>c", "#3");
    }

    @Test
    void leavesTextWithoutAddedTokensWhole() {
        assertThat(fragments("plain <| text", true)).containsExactly("plain <| text");
        assertThat(fragments("", true)).isEmpty();
    }

    private static List<String> fragments(String text, boolean parseSpecials) {
        List<String> fragments = new ArrayList<>();
        new AddedTokenSplitter(TOKENS).split(text, parseSpecials, new AddedTokenSplitter.FragmentSink() {
            @Override
            public void text(int start, int end) {
                fragments.add(text.substring(start, end));
            }

            @Override
            public void token(int id) {
                fragments.add("#" + id);
            }
        });
        return fragments;
    }
}
