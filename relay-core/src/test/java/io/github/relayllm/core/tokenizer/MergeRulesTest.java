package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge rules of both BPE kinds, on vocabularies small enough to check by hand. */
class MergeRulesTest {
    @TempDir
    Path dir;

    @Test
    void byteLevelMergesTheLowestRankFirst() {
        Tokenizer bcFirst =
                Tokenizer.of(TinyVocabularies.byteLevel("gpt-2", List.of("ab", "bc"), List.of("b c", "a b")));
        Tokenizer abFirst =
                Tokenizer.of(TinyVocabularies.byteLevel("gpt-2", List.of("ab", "bc"), List.of("a b", "b c")));
        assertThat(pieces(bcFirst, "abc")).containsExactly("a", "bc");
        assertThat(pieces(abFirst, "abc")).containsExactly("ab", "c");
    }

    @Test
    void llama3TakesAWordThatIsATokenWhole() throws IOException {
        List<String> extra = List.of("ab", "abc");
        List<String> merges = List.of("a b"); // no merge reaches "abc"
        Vocabulary llama3 = TinyVocabularies.byteLevel("llama-bpe", extra, merges);
        assertThat(pieces(Tokenizer.of(llama3), "abc")).containsExactly("abc");
        HfTokenizerFiles.write(llama3, dir);
        Tokenizer fromJson = Tokenizer.fromHuggingFace(
                dir.resolve("tokenizer.json"), Optional.of(dir.resolve("tokenizer_config.json")));
        assertThat(pieces(fromJson, "abc")).containsExactly("abc");
        assertThat(pieces(Tokenizer.of(TinyVocabularies.byteLevel("qwen2", extra, merges)), "abc"))
                .containsExactly("ab", "c");
    }

    @Test
    void sentencePieceMergesTheHighestScoreFirst() {
        SequencedMap<String, Float> pieces = new LinkedHashMap<>();
        pieces.put("a", -10f);
        pieces.put("b", -10f);
        pieces.put("c", -10f);
        pieces.put("ab", -2f);
        pieces.put("bc", -1f);
        Tokenizer spm = Tokenizer.of(TinyVocabularies.sentencePiece(pieces, true, false));
        assertThat(pieces(spm, "abc")).containsExactly("a", "bc");
    }

    @Test
    void sentencePieceMergesTheLeftmostOfEquallyScoredPairs() {
        SequencedMap<String, Float> pieces = new LinkedHashMap<>();
        pieces.put("a", -10f);
        pieces.put("aa", -1f);
        Tokenizer spm = Tokenizer.of(TinyVocabularies.sentencePiece(pieces, true, false));
        assertThat(pieces(spm, "aaa")).containsExactly("aa", "a");
        assertThat(pieces(spm, "aaaaa")).containsExactly("aa", "aa", "a");
    }

    @Test
    void sentencePiecePrefixesASpaceAndFallsBackToBytes() {
        SequencedMap<String, Float> pieces = new LinkedHashMap<>();
        pieces.put("\u2581", -10f);
        pieces.put("a", -10f);
        pieces.put("\u2581a", -1f);
        Tokenizer spm = Tokenizer.of(TinyVocabularies.sentencePiece(pieces, true, true));
        assertThat(pieces(spm, "aé")).containsExactly("\u2581a", "<0xC3>", "<0xA9>");
        assertThat(spm.decode(spm.encode("aé", Tokenizer.Specials.AS_TEXT))).isEqualTo("aé");
    }

    @Test
    void sentencePieceWithoutBytePiecesFallsBackToUnknown() {
        SequencedMap<String, Float> pieces = new LinkedHashMap<>();
        pieces.put("a", -10f);
        Tokenizer spm = Tokenizer.of(TinyVocabularies.sentencePiece(pieces, false, false));
        assertThat(pieces(spm, "aéa")).containsExactly("a", "<unk>", "a");
    }

    @Test
    void readsMergesAsStringsAndAsPairsAlike() throws IOException {
        List<String> extra = List.of("he", "ll", "hell", "hello");
        ArrayNode strings = TinyVocabularies.JSON.createArrayNode();
        ArrayNode pairs = TinyVocabularies.JSON.createArrayNode();
        for (String merge : List.of("h e", "l l", "he ll", "hell o")) {
            strings.add(merge);
            pairs.addArray().add(merge.split(" ")[0]).add(merge.split(" ")[1]);
        }
        Tokenizer fromStrings =
                read(TinyVocabularies.byteLevelTokenizerJson(extra, strings).toString());
        Tokenizer fromPairs =
                read(TinyVocabularies.byteLevelTokenizerJson(extra, pairs).toString());
        for (Tokenizer tokenizer : List.of(fromStrings, fromPairs)) {
            assertThat(pieces(tokenizer, "hello hello<|end|>"))
                    .containsExactly("hello", "Ġ", "hello", "<", "|", "e", "n", "d", "|", ">");
            assertThat(tokenizer.encode("hello<|end|>", Tokenizer.Specials.PARSE))
                    .endsWith(260);
        }
    }

    private Tokenizer read(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), json);
        return Tokenizer.fromHuggingFace(file, Optional.empty());
    }

    private static List<String> pieces(Tokenizer tokenizer, String text) {
        return java.util.Arrays.stream(tokenizer.encode(text, Tokenizer.Specials.AS_TEXT))
                .mapToObj(tokenizer::piece)
                .toList();
    }
}
