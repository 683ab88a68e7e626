package io.github.relayllm.bench.cli;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.tokenizer.Tokenizer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The prompt of a command that runs one: text to encode, or token ids fed exactly as given. */
final class PromptOptionsMixin {
    @Option(
            names = {"-p", "--prompt"},
            paramLabel = "TEXT",
            description = "The prompt (BOS as the model says).")
    String text;

    @Option(names = "--tokens", paramLabel = "IDS", split = ",", description = "Prompt ids, fed exactly as given.")
    int[] tokens;

    @Option(names = "--special", description = "Parse special tokens written in the prompt text.")
    boolean special;

    /** @throws ParameterException unless exactly one of {@code --prompt} and {@code --tokens} is given */
    void requireOne(CommandSpec spec) {
        if ((text == null) == (tokens == null)) {
            throw new ParameterException(spec.commandLine(), "give either --prompt or --tokens");
        }
    }

    /**
     * The prompt's ids: {@code --tokens} as given, or {@code --prompt} encoded as {@code model} encodes
     * prompts. Checked before any is run, so that a command fails before printing anything.
     *
     * @throws IllegalArgumentException if an id is outside the model's vocabulary
     */
    int[] ids(Model model) {
        int[] ids = tokens != null
                ? tokens.clone()
                : model.encodePrompt(text, special ? Tokenizer.Specials.PARSE : Tokenizer.Specials.AS_TEXT);
        int vocabulary = model.config().vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocabulary) {
                throw new IllegalArgumentException(
                        "token id %d is outside the vocabulary of %d".formatted(id, vocabulary));
            }
        }
        return ids;
    }
}
