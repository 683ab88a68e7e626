package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A vocabulary gives the same ids whether read from its GGUF file or from the tokenizer.json that
 * {@link HfTokenizerFiles} writes for it, on any text in NFC: for SentencePiece this checks that
 * merges ranked by Hugging Face's converter order pairs as llama.cpp's scores do. (Qwen's
 * tokenizer.json NFC-normalizes and llama.cpp does not, so on other text the two differ exactly as
 * Hugging Face and llama.cpp do.)
 */
@AddLifecycleHook(RequiresOracleVocabularies.class)
class LoaderEquivalenceTest {
    @Property(tries = 300)
    void ggufAndTokenizerJsonEncodeAlike(
            @ForAll OracleVocabularies vocabulary,
            @ForAll("text") String anyText,
            @ForAll Tokenizer.Specials specials) {
        String text = Normalizer.normalize(anyText, Normalizer.Form.NFC);
        assertThat(vocabulary.fromHuggingFace().encode(text, specials))
                .isEqualTo(vocabulary.fromGguf().encode(text, specials));
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.validText();
    }

    @Property(tries = 100)
    void onlyQwensTokenizerJsonNormalizes(@ForAll("text") String text) {
        Tokenizer gguf = OracleVocabularies.QWEN3.fromGguf();
        Tokenizer json = OracleVocabularies.QWEN3.fromHuggingFace();
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        assertThat(json.encode(text, Tokenizer.Specials.AS_TEXT))
                .isEqualTo(gguf.encode(nfc, Tokenizer.Specials.AS_TEXT));
    }
}
