package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A streaming decoder fed one token at a time says, in all, exactly what {@code decode} says of the
 * whole sequence, and never emits a broken character: for encoded text, and for arbitrary id
 * sequences whose byte tokens cut UTF-8 anywhere (byte-level single bytes, SentencePiece {@code
 * <0xXX>} pieces).
 */
@AddLifecycleHook(RequiresOracleVocabularies.class)
class StreamingDecoderTest {
    @Property
    void streamsEncodedTextAsDecodeDoes(@ForAll OracleVocabularies vocabulary, @ForAll("text") String text) {
        Tokenizer tokenizer = vocabulary.fromGguf();
        int[] ids = tokenizer.encode(text, Tokenizer.Specials.PARSE);
        assertThat(String.join("", streamed(tokenizer, ids))).isEqualTo(tokenizer.decode(ids));
    }

    @Property
    void streamsAnyIdsAsDecodeDoes(@ForAll OracleVocabularies vocabulary, @ForAll("seeds") List<Integer> picks) {
        Tokenizer tokenizer = vocabulary.fromGguf();
        // Mostly the first 512 ids, where both kinds keep their single-byte tokens.
        int[] ids = picks.stream()
                .mapToInt(pick -> pick % 4 == 0 ? pick % tokenizer.size() : pick % 512)
                .toArray();
        assertThat(String.join("", streamed(tokenizer, ids))).isEqualTo(tokenizer.decode(ids));
    }

    @Example
    void holdsBackAnEmojiSplitAcrossByteTokens() {
        Tokenizer gpt2 = OracleVocabularies.GPT2.fromGguf();
        int[] ids = gpt2.encode("🦙", Tokenizer.Specials.AS_TEXT);
        assertThat(ids.length).isGreaterThan(1); // GPT-2 has no token for the llama
        StreamingDecoder decoder = gpt2.streamingDecoder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ids.length - 1; i++) {
            assertThat(decoder.push(ids[i])).isEmpty();
        }
        text.append(decoder.push(ids[ids.length - 1]));
        assertThat(text.toString()).isEqualTo("🦙");
        assertThat(decoder.flush()).isEmpty();
    }

    @Example
    void holdsBackSentencePieceByteFallbackUntilTheCharacterIsComplete() {
        Tokenizer llama = OracleVocabularies.LLAMA_SPM.fromGguf();
        int[] ids = llama.encode("🦙!", Tokenizer.Specials.AS_TEXT); // ▁ then four <0xXX> pieces, then !
        List<String> parts = streamed(llama, ids);
        assertThat(String.join("", parts)).isEqualTo("🦙!");
        assertThat(parts).contains("🦙").allSatisfy(part -> assertThat(part).doesNotContain("\uFFFD"));
    }

    @Example
    void flushesAnIncompleteCharacterAsOneReplacement() {
        Tokenizer gpt2 = OracleVocabularies.GPT2.fromGguf();
        int[] ids = gpt2.encode("🦙", Tokenizer.Specials.AS_TEXT);
        StreamingDecoder decoder = gpt2.streamingDecoder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ids.length - 1; i++) {
            text.append(decoder.push(ids[i]));
        }
        text.append(decoder.flush());
        assertThat(text.toString()).isEqualTo("\uFFFD");
    }

    @Example
    void dropsTheSentencePieceDummySpaceAsDecodeDoes() {
        Tokenizer llama = OracleVocabularies.LLAMA_SPM.fromGguf();
        int[] ids = llama.encode("Hello world", Tokenizer.Specials.AS_TEXT);
        StreamingDecoder decoder = llama.streamingDecoder();
        assertThat(decoder.push(ids[0])).isEqualTo("Hello");
        assertThat(decoder.push(ids[1])).isEqualTo(" world");
    }

    /** Each push's output, then flush's. */
    private static List<String> streamed(Tokenizer tokenizer, int[] ids) {
        StreamingDecoder decoder = tokenizer.streamingDecoder();
        List<String> parts = new ArrayList<>();
        for (int id : ids) {
            parts.add(decoder.push(id));
        }
        parts.add(decoder.flush());
        return parts;
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.validText();
    }

    @Provide
    Arbitrary<List<Integer>> seeds() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(24);
    }
}
