package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Control tokens are parsed only when asked; user-defined ones always; both decode to their text. */
class SpecialTokensTest {
    private static final int IM_START = 151644;
    private static final int THINK = 151667;

    @Test
    void parsesAControlTokenOnlyWhenAsked() {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromGguf();
        int[] parsed = qwen3.encode("<|im_start|>user", Tokenizer.Specials.PARSE);
        int[] asText = qwen3.encode("<|im_start|>user", Tokenizer.Specials.AS_TEXT);
        assertThat(parsed).hasSize(2).startsWith(IM_START);
        assertThat(asText).hasSizeGreaterThan(3).doesNotContain(IM_START);
        assertThat(qwen3.decode(parsed)).isEqualTo(qwen3.decode(asText)).isEqualTo("<|im_start|>user");
    }

    @Test
    void matchesAUserDefinedTokenInPlainTextAlways() {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromGguf();
        for (Tokenizer.Specials specials : Tokenizer.Specials.values()) {
            assertThat(qwen3.encode("<think>", specials)).containsExactly(THINK);
            assertThat(qwen3.encode("a<think>b", specials)).hasSize(3).contains(THINK);
        }
        assertThat(qwen3.type(THINK)).isEqualTo(TokenType.USER_DEFINED);
        assertThat(qwen3.tokenBytes(THINK)).isEqualTo("<think>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void prefersTheLongestAddedTokenAtAPosition() {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromGguf();
        int toolCall = qwen3.idOf("<tool_call>").orElseThrow();
        int toolCallEnd = qwen3.idOf("</tool_call>").orElseThrow();
        assertThat(qwen3.encode("<tool_call></tool_call>", Tokenizer.Specials.AS_TEXT))
                .containsExactly(toolCall, toolCallEnd);
    }

    @Test
    void knowsTheIdsGenerationNeedsFromEitherFile() {
        for (Tokenizer qwen3 :
                new Tokenizer[] {OracleVocabularies.QWEN3.fromGguf(), OracleVocabularies.QWEN3.fromHuggingFace()}) {
            assertThat(qwen3.endOfGenerationIds()).containsExactlyInAnyOrder(151645, 151643);
            assertThat(qwen3.addsBos()).isFalse();
            assertThat(qwen3.piece(IM_START)).isEqualTo("<|im_start|>");
            assertThat(qwen3.type(IM_START)).isEqualTo(TokenType.CONTROL);
        }
        assertThat(OracleVocabularies.QWEN3.fromGguf().size()).isEqualTo(151936);
        assertThat(OracleVocabularies.QWEN3.fromHuggingFace().size()).isEqualTo(151669); // padding left out
        for (Tokenizer llama :
                new Tokenizer[] {OracleVocabularies.LLAMA_SPM.fromGguf(), OracleVocabularies.LLAMA_SPM.fromHuggingFace()
                }) {
            assertThat(llama.addsBos()).isTrue();
            assertThat(llama.bosId()).hasValue(1);
            assertThat(llama.endOfGenerationIds()).containsExactly(2);
            assertThat(llama.type(0)).isEqualTo(TokenType.UNKNOWN);
            assertThat(llama.type(3)).isEqualTo(TokenType.BYTE);
            assertThat(llama.size()).isEqualTo(32000);
        }
    }

    @Test
    void parsesSentencePieceControlTokens() {
        Tokenizer llama = OracleVocabularies.LLAMA_SPM.fromGguf();
        assertThat(llama.encode("<s>", Tokenizer.Specials.PARSE)).containsExactly(1);
        assertThat(llama.encode("<s>", Tokenizer.Specials.AS_TEXT))
                .doesNotContain(1)
                .hasSizeGreaterThan(1);
        assertThat(llama.encode("<unk>", Tokenizer.Specials.PARSE)).containsExactly(0);
        assertThat(llama.decode(new int[] {1, 15043})).isEqualTo("<s> Hello");
    }
}
