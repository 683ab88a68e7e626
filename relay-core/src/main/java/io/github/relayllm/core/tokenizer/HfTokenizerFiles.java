package io.github.relayllm.core.tokenizer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Writes a {@link Vocabulary} as the tokenizer files of a Hugging Face directory: {@code
 * tokenizer.json} (the tokenizers library's format) and {@code tokenizer_config.json}, laid out as
 * the published Qwen, Llama 3 and Llama 2 checkpoints lay them out.
 *
 * <ul>
 *   <li>Byte-level BPE ({@code gpt2}): ordinary tokens in {@code model.vocab}, the GGUF merges as
 *       pairs, control tokens (special) and user-defined tokens (not special) as added tokens,
 *       unused placeholder ids left out; the pre-tokenizer's split regex and a byte-level step;
 *       {@code ignore_merges} for Llama 3, as its published file has it.
 *   <li>SentencePiece-style BPE ({@code llama}): every token in the vocabulary, byte fallback, the
 *       {@code ▁} normalizer and decoder, and merges derived from the scores as Hugging Face's
 *       converter derives them ({@link SentencePieceMerges}).
 * </ul>
 */
public final class HfTokenizerFiles {
    private static final JsonFactory JSON = new JsonFactory();

    private HfTokenizerFiles() {}

    /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code directory}. */
    public static void write(Vocabulary vocabulary, Path directory) throws IOException {
        boolean sentencePiece = switch (vocabulary.model()) {
            case "gpt2" -> false;
            case "llama" -> true;
            default ->
                throw new IllegalArgumentException(
                        "can not write a tokenizer.json for tokenizer model '" + vocabulary.model() + "'");
        };
        try (JsonGenerator json =
                JSON.createGenerator(directory.resolve("tokenizer.json").toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("version", "1.0");
            json.writeNullField("truncation");
            json.writeNullField("padding");
            writeAddedTokens(json, vocabulary, sentencePiece);
            if (sentencePiece) {
                writeSentencePiecePipeline(json, vocabulary);
            } else {
                writeByteLevelPipeline(json, vocabulary);
            }
            json.writeEndObject();
        }
        writeTokenizerConfig(vocabulary, directory);
    }

    private static void writeAddedTokens(JsonGenerator json, Vocabulary vocabulary, boolean sentencePiece)
            throws IOException {
        json.writeArrayFieldStart("added_tokens");
        for (int id = 0; id < vocabulary.size(); id++) {
            TokenType type = vocabulary.type(id);
            boolean special = type == TokenType.CONTROL || (sentencePiece && type == TokenType.UNKNOWN);
            if (special || type == TokenType.USER_DEFINED) {
                json.writeStartObject();
                json.writeNumberField("id", id);
                json.writeStringField("content", vocabulary.tokens().get(id));
                json.writeBooleanField("single_word", false);
                json.writeBooleanField("lstrip", false);
                json.writeBooleanField("rstrip", false);
                json.writeBooleanField("normalized", !special);
                json.writeBooleanField("special", special);
                json.writeEndObject();
            }
        }
        json.writeEndArray();
    }

    private static void writeByteLevelPipeline(JsonGenerator json, Vocabulary vocabulary) throws IOException {
        PreTokenizerType pre = PreTokenizerType.fromGguf(vocabulary.pre()).orElse(PreTokenizerType.GPT2);
        if (pre == PreTokenizerType.QWEN2) {
            json.writeObjectFieldStart("normalizer");
            json.writeStringField("type", "NFC");
            json.writeEndObject();
        } else {
            json.writeNullField("normalizer");
        }
        json.writeFieldName("pre_tokenizer");
        if (pre == PreTokenizerType.GPT2) {
            writeByteLevel(json, true, true);
        } else {
            json.writeStartObject();
            json.writeStringField("type", "Sequence");
            json.writeArrayFieldStart("pretokenizers");
            json.writeStartObject();
            json.writeStringField("type", "Split");
            json.writeObjectFieldStart("pattern");
            json.writeStringField("Regex", pre.regex());
            json.writeEndObject();
            json.writeStringField("behavior", "Isolated");
            json.writeBooleanField("invert", false);
            json.writeEndObject();
            writeByteLevel(json, false, false);
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeFieldName("post_processor");
        writeByteLevel(json, false, false);
        json.writeFieldName("decoder");
        writeByteLevel(json, true, false);
        json.writeObjectFieldStart("model");
        json.writeStringField("type", "BPE");
        json.writeNullField("dropout");
        json.writeNullField("unk_token");
        json.writeStringField("continuing_subword_prefix", "");
        json.writeStringField("end_of_word_suffix", "");
        json.writeBooleanField("fuse_unk", false);
        json.writeBooleanField("byte_fallback", false);
        // Llama 3 takes a word that is a whole token as that token, merges or not (llama.cpp too).
        json.writeBooleanField("ignore_merges", pre == PreTokenizerType.LLAMA3);
        json.writeObjectFieldStart("vocab");
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.type(id) == TokenType.NORMAL) {
                json.writeNumberField(vocabulary.tokens().get(id), id);
            }
        }
        json.writeEndObject();
        writeMerges(
                json,
                vocabulary.merges().stream().map(HfTokenizerFiles::splitMerge).toList());
        json.writeEndObject();
    }

    private static void writeSentencePiecePipeline(JsonGenerator json, Vocabulary vocabulary) throws IOException {
        json.writeObjectFieldStart("normalizer");
        json.writeStringField("type", "Sequence");
        json.writeArrayFieldStart("normalizers");
        json.writeStartObject();
        json.writeStringField("type", "Prepend");
        json.writeStringField("prepend", "▁");
        json.writeEndObject();
        writeReplace(json, " ", "▁");
        json.writeEndArray();
        json.writeEndObject();
        json.writeNullField("pre_tokenizer");
        writeBosTemplate(json, vocabulary);
        json.writeObjectFieldStart("decoder");
        json.writeStringField("type", "Sequence");
        json.writeArrayFieldStart("decoders");
        writeReplace(json, "▁", " ");
        json.writeStartObject();
        json.writeStringField("type", "ByteFallback");
        json.writeEndObject();
        json.writeStartObject();
        json.writeStringField("type", "Fuse");
        json.writeEndObject();
        json.writeStartObject();
        json.writeStringField("type", "Strip");
        json.writeStringField("content", " ");
        json.writeNumberField("start", 1);
        json.writeNumberField("stop", 0);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeObjectFieldStart("model");
        json.writeStringField("type", "BPE");
        json.writeNullField("dropout");
        OptionalInt unknown = firstOfType(vocabulary, TokenType.UNKNOWN);
        if (unknown.isPresent()) {
            json.writeStringField("unk_token", vocabulary.tokens().get(unknown.getAsInt()));
        } else {
            json.writeNullField("unk_token");
        }
        json.writeNullField("continuing_subword_prefix");
        json.writeNullField("end_of_word_suffix");
        json.writeBooleanField("fuse_unk", true);
        json.writeBooleanField("byte_fallback", true);
        json.writeBooleanField("ignore_merges", false);
        json.writeObjectFieldStart("vocab");
        for (int id = 0; id < vocabulary.size(); id++) {
            json.writeNumberField(vocabulary.tokens().get(id), id);
        }
        json.writeEndObject();
        writeMerges(json, SentencePieceMerges.of(vocabulary));
        json.writeEndObject();
    }

    /** A post-processor that prepends BOS, for vocabularies that add one; else none. */
    private static void writeBosTemplate(JsonGenerator json, Vocabulary vocabulary) throws IOException {
        if (!vocabulary.addsBos() || vocabulary.bosId().isEmpty()) {
            json.writeNullField("post_processor");
            return;
        }
        int bos = vocabulary.bosId().getAsInt();
        String bosText = vocabulary.tokens().get(bos);
        json.writeObjectFieldStart("post_processor");
        json.writeStringField("type", "TemplateProcessing");
        for (String sequence : List.of("single", "pair")) {
            json.writeArrayFieldStart(sequence);
            json.writeStartObject();
            json.writeObjectFieldStart("SpecialToken");
            json.writeStringField("id", bosText);
            json.writeNumberField("type_id", 0);
            json.writeEndObject();
            json.writeEndObject();
            for (String part : sequence.equals("single") ? List.of("A") : List.of("A", "B")) {
                json.writeStartObject();
                json.writeObjectFieldStart("Sequence");
                json.writeStringField("id", part);
                json.writeNumberField("type_id", part.equals("A") ? 0 : 1);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeObjectFieldStart("special_tokens");
        json.writeObjectFieldStart(bosText);
        json.writeStringField("id", bosText);
        json.writeArrayFieldStart("ids");
        json.writeNumber(bos);
        json.writeEndArray();
        json.writeArrayFieldStart("tokens");
        json.writeString(bosText);
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeTokenizerConfig(Vocabulary vocabulary, Path directory) throws IOException {
        try (JsonGenerator json =
                JSON.createGenerator(directory.resolve("tokenizer_config.json").toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeBooleanField("add_bos_token", vocabulary.addsBos());
            json.writeBooleanField("add_eos_token", false);
            writeTokenText(json, "bos_token", vocabulary, vocabulary.bosId());
            List<Integer> eos = vocabulary.endOfGenerationIds();
            writeTokenText(
                    json,
                    "eos_token",
                    vocabulary,
                    eos.isEmpty() ? OptionalInt.empty() : OptionalInt.of(eos.getFirst()));
            writeTokenText(json, "unk_token", vocabulary, firstOfType(vocabulary, TokenType.UNKNOWN));
            json.writeBooleanField("clean_up_tokenization_spaces", false);
            json.writeStringField("tokenizer_class", "PreTrainedTokenizerFast");
            if (vocabulary.chatTemplate().isPresent()) {
                json.writeStringField("chat_template", vocabulary.chatTemplate().get());
            }
            json.writeEndObject();
        }
    }

    private static void writeTokenText(JsonGenerator json, String field, Vocabulary vocabulary, OptionalInt id)
            throws IOException {
        if (id.isPresent()) {
            json.writeStringField(field, vocabulary.tokens().get(id.getAsInt()));
        } else {
            json.writeNullField(field);
        }
    }

    private static void writeByteLevel(JsonGenerator json, boolean trimOffsets, boolean useRegex) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "ByteLevel");
        json.writeBooleanField("add_prefix_space", false);
        json.writeBooleanField("trim_offsets", trimOffsets);
        json.writeBooleanField("use_regex", useRegex);
        json.writeEndObject();
    }

    private static void writeReplace(JsonGenerator json, String pattern, String content) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Replace");
        json.writeObjectFieldStart("pattern");
        json.writeStringField("String", pattern);
        json.writeEndObject();
        json.writeStringField("content", content);
        json.writeEndObject();
    }

    private static void writeMerges(JsonGenerator json, List<String[]> merges) throws IOException {
        json.writeArrayFieldStart("merges");
        for (String[] pair : merges) {
            json.writeStartArray();
            json.writeString(pair[0]);
            json.writeString(pair[1]);
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    /** A GGUF merge {@code "left right"} as its two pieces (byte-level pieces hold no space). */
    private static String[] splitMerge(String merge) {
        int space = merge.indexOf(' ', 1);
        if (space < 0) {
            throw new IllegalArgumentException("merge without a space: \"" + merge + "\"");
        }
        return new String[] {merge.substring(0, space), merge.substring(space + 1)};
    }

    private static OptionalInt firstOfType(Vocabulary vocabulary, TokenType type) {
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.type(id) == type) {
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }
}
