package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A vocabulary gives the same ids whether read from its GGUF file or from the tokenizer.json that
 * {@link HfTokenizerFiles} writes for it, on any text: for SentencePiece this checks that merges
 * ranked by Hugging Face's converter order pairs as llama.cpp's scores do.
 */
@AddLifecycleHook(RequiresOracleVocabularies.class)
class LoaderEquivalenceTest {
    @Property(tries = 300)
    void ggufAndTokenizerJsonEncodeAlike(
            @ForAll OracleVocabularies vocabulary, @ForAll("text") String text, @ForAll Tokenizer.Specials specials) {
        assertThat(vocabulary.fromHuggingFace().encode(text, specials))
                .isEqualTo(vocabulary.fromGguf().encode(text, specials));
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.validText();
    }
}
