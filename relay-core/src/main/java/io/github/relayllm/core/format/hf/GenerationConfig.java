package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The token ids of a Hugging Face {@code generation_config.json} that decide when generation ends.
 * Models list more end-of-generation tokens here than in {@code config.json}: Qwen3 stops at both
 * {@code <|im_end|>} and {@code <|endoftext|>}, Llama 3.1 at three tokens.
 *
 * @param eosTokenIds {@code eos_token_id}, one id or a list; empty when absent or null
 */
public record GenerationConfig(List<Integer> eosTokenIds) {
    public GenerationConfig {
        eosTokenIds = List.copyOf(Objects.requireNonNull(eosTokenIds, "eosTokenIds"));
    }

    /**
     * Reads {@code file}.
     *
     * @throws ModelFormatException if it is not a JSON object or {@code eos_token_id} is not an id or
     *     a list of ids; it names the file, the key and its byte offset
     */
    public static GenerationConfig read(Path file) throws IOException {
        JsonValue root = JsonDocument.read(file).requireObject();
        return new GenerationConfig(
                root.member("eos_token_id").map(HfConfigParser::tokenIds).orElse(List.of()));
    }
}
