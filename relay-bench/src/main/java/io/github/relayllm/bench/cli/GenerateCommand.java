package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.Model;
import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.generate.GenerationResult;
import io.github.relayllm.core.template.ChatMessage;
import io.github.relayllm.core.template.ModelChatTemplate;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay generate MODEL --prompt TEXT}: generates text after a prompt, streaming it to stdout
 * as it becomes final (timings go to stderr), or, with {@code --json}, printing one document with the
 * ids, text, finish reason and timings.
 */
@Command(
        name = "generate",
        description = "Generate text after a prompt (streamed to stdout; --json for one document).",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class GenerateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF file or Hugging Face directory.")
    Path model;

    @Mixin
    PromptOptionsMixin prompt;

    @Option(names = "--chat", description = "Wrap the prompt as a user message in the model's chat template.")
    boolean chat;

    @Option(names = "--think", description = "With --chat: enable_thinking=true (default false, as RelayLLM).")
    boolean think;

    @Option(
            names = {"-n", "--max-tokens"},
            defaultValue = "128",
            description = "Tokens to generate at most (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop string (repeatable); kept in the output.")
    List<String> stops = List.of();

    @Option(names = "--json", description = "Print one JSON document instead of streaming text.")
    boolean json;

    @Mixin
    SamplingOptionsMixin sampling;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        prompt.requireOne(spec);
        if (chat && prompt.text == null) {
            throw new ParameterException(spec.commandLine(), "--chat needs --prompt");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Model loaded = Model.load(model, modelOptions.toOptions())) {
            if (!json) {
                err.println("[backend] " + loaded.backendDescription());
            }
            int[] promptIds = promptIds(loaded);
            GenerationRequest request = GenerationRequest.greedy(maxTokens)
                    .withSampling(sampling.toParams())
                    .withStopStrings(stops, true);
            GenerationListener listener = json
                    ? GenerationListener.NONE
                    : new GenerationListener() {
                        @Override
                        public void onToken(int id, String text) {
                            out.print(text);
                            out.flush();
                        }
                    };
            GenerationResult result = loaded.generate(promptIds, request, listener);
            if (json) {
                JsonOutput.print(out, toJson(result));
            } else {
                out.println();
                err.printf(
                        Locale.ROOT,
                        "[%s] prompt %d tokens computed in %.1f ms (%.1f t/s), generated %d in %.1f ms (%.1f t/s)%n",
                        result.finishReason().jsonName(),
                        result.timings().promptTokens(),
                        result.timings().promptMillis(),
                        result.timings().promptTokensPerSecond(),
                        result.timings().generatedTokens(),
                        result.timings().generationMillis(),
                        result.timings().generationTokensPerSecond());
            }
        }
        return 0;
    }

    private int[] promptIds(Model loaded) {
        if (!chat) {
            return prompt.ids(loaded);
        }
        ModelChatTemplate template = loaded.chatTemplate()
                .orElseThrow(() -> new IllegalArgumentException(loaded.path() + " has no chat template"));
        String rendered = template.render(
                List.of(ChatMessage.user(prompt.text)), List.of(), true, Map.of("enable_thinking", think));
        // A rendered template holds its own BOS where the model wants one; specials are its markup.
        return loaded.tokenizer().encode(rendered, Tokenizer.Specials.PARSE);
    }

    static ObjectNode toJson(GenerationResult result) {
        ObjectNode root = JsonOutput.object();
        ArrayNode promptIds = root.putArray("prompt_ids");
        result.promptIds().forEach(promptIds::add);
        ArrayNode ids = root.putArray("ids");
        result.ids().forEach(ids::add);
        root.put("text", result.text());
        root.put("finish_reason", result.finishReason().jsonName());
        Optional<String> stop = result.stopString();
        stop.ifPresent(s -> root.put("stop", s));
        ObjectNode timings = root.putObject("timings");
        timings.put("prompt_n", result.timings().promptTokens());
        timings.put("prompt_ms", result.timings().promptMillis());
        timings.put("predicted_n", result.timings().generatedTokens());
        timings.put("predicted_ms", result.timings().generationMillis());
        return root;
    }
}
