package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * What {@code decode(encode(s))} gives back for valid Unicode {@code s}: exactly {@code s} with
 * every byte-level vocabulary read from GGUF (GPT-2, Qwen3: llama.cpp normalizes nothing); with
 * Qwen3's tokenizer.json, which NFC-normalizes, {@code s} for NFC text and text canonically
 * equivalent to {@code s} for any text; {@code s} with Llama 2's SentencePiece vocabulary (specials as
 * text) unless {@code s} holds U+2581, SentencePiece's own mark for a space.
 */
@AddLifecycleHook(RequiresOracleVocabularies.class)
class RoundTripTest {
    @Property
    void gpt2GivesBackAnyText(@ForAll("text") String text, @ForAll Tokenizer.Specials specials) {
        Tokenizer gpt2 = OracleVocabularies.GPT2.fromGguf();
        assertThat(gpt2.decode(gpt2.encode(text, specials))).isEqualTo(text);
    }

    @Property
    void qwen3FromGgufGivesBackAnyText(@ForAll("text") String text, @ForAll Tokenizer.Specials specials) {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromGguf();
        assertThat(qwen3.decode(qwen3.encode(text, specials))).isEqualTo(text);
    }

    @Property
    void qwen3FromTokenizerJsonGivesBackNfcText(@ForAll("text") String anyText, @ForAll Tokenizer.Specials specials) {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromHuggingFace();
        String text = Normalizer.normalize(anyText, Normalizer.Form.NFC);
        assertThat(qwen3.decode(qwen3.encode(text, specials))).isEqualTo(text);
    }

    @Property
    void qwen3FromTokenizerJsonGivesBackCanonicallyEquivalentText(@ForAll("text") String text) {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromHuggingFace();
        String decoded = qwen3.decode(qwen3.encode(text, Tokenizer.Specials.AS_TEXT));
        assertThat(Normalizer.normalize(decoded, Normalizer.Form.NFC))
                .isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    @Property
    void llamaSentencePieceGivesBackTextWithoutItsSpaceMark(@ForAll("text") String anyText) {
        Tokenizer llama = OracleVocabularies.LLAMA_SPM.fromGguf();
        String text = anyText.replace('\u2581', '_');
        assertThat(llama.decode(llama.encode(text, Tokenizer.Specials.AS_TEXT))).isEqualTo(text);
    }

    @Example
    void qwen3FromTokenizerJsonNormalizesDecomposedAccents() {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromHuggingFace();
        assertThat(qwen3.encode("Cafe\u0301", Tokenizer.Specials.AS_TEXT))
                .isEqualTo(qwen3.encode("Café", Tokenizer.Specials.AS_TEXT));
        assertThat(qwen3.decode(qwen3.encode("Cafe\u0301", Tokenizer.Specials.AS_TEXT)))
                .isEqualTo("Café");
    }

    @Example
    void sentencePieceReadsItsSpaceMarkAsASpace() {
        Tokenizer llama = OracleVocabularies.LLAMA_SPM.fromGguf();
        assertThat(llama.decode(llama.encode("a\u2581b", Tokenizer.Specials.AS_TEXT)))
                .isEqualTo("a b");
    }

    @Example
    void parsedSentencePieceSpecialsGiveTheTextAfterThemADummySpace() {
        Tokenizer llama = OracleVocabularies.LLAMA_SPM.fromGguf();
        int[] ids = llama.encode("a<s>b", Tokenizer.Specials.PARSE);
        assertThat(ids[1]).isEqualTo(llama.bosId().orElseThrow());
        assertThat(llama.decode(ids)).isEqualTo("a<s> b");
    }

    @Example
    void unpairedSurrogatesComeBackAsReplacementCharacters() {
        Tokenizer qwen3 = OracleVocabularies.QWEN3.fromGguf();
        Tokenizer llama = OracleVocabularies.LLAMA_SPM.fromGguf();
        assertThat(qwen3.decode(qwen3.encode("a\uD800b", Tokenizer.Specials.AS_TEXT)))
                .isEqualTo("a\uFFFDb");
        assertThat(llama.decode(llama.encode("a\uDC00b", Tokenizer.Specials.AS_TEXT)))
                .isEqualTo("a\uFFFDb");
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.validText();
    }
}
