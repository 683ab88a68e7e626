package io.github.relayllm.bench.cli;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.generate.GenerationResult;
import io.github.relayllm.core.template.ChatMessage;
import io.github.relayllm.core.template.ModelChatTemplate;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay chat MODEL}: an interactive conversation through the model's own chat template. Each
 * line read is a user message; the reply streams as it is generated. The conversation's cache is
 * reused from turn to turn, so a turn computes only the new messages. {@code /reset} starts over,
 * {@code /exit} (or end of input) leaves.
 */
@Command(
        name = "chat",
        description = "Chat with a model through its chat template (/reset starts over, /exit leaves).",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class ChatCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF file or Hugging Face directory.")
    Path model;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message to start with.")
    String system;

    @Option(names = "--think", description = "enable_thinking=true for Qwen3's hybrid template.")
    boolean think;

    @Option(
            names = {"-n", "--max-tokens"},
            defaultValue = "1024",
            description = "Tokens per reply at most (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Mixin
    SamplingOptionsMixin sampling;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Model loaded = Model.load(model, modelOptions.toOptions())) {
            ModelChatTemplate template = loaded.chatTemplate()
                    .orElseThrow(() -> new IllegalArgumentException(model + " has no chat template"));
            GenerationRequest request = GenerationRequest.greedy(maxTokens).withSampling(sampling.toParams());
            List<ChatMessage> messages = newConversation();
            err.println("chatting with " + loaded.path().getFileName() + " (/reset, /exit)");
            while (true) {
                out.print("> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) {
                    break;
                }
                if (line.strip().equals("/reset")) {
                    messages = newConversation();
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                messages.add(ChatMessage.user(line));
                String prompt = template.render(messages, List.of(), true, Map.of("enable_thinking", think));
                GenerationResult reply = loaded.generate(
                        loaded.tokenizer().encode(prompt, Tokenizer.Specials.PARSE), request, new GenerationListener() {
                            @Override
                            public void onToken(int id, String text) {
                                out.print(text);
                                out.flush();
                            }
                        });
                out.println();
                err.printf(
                        Locale.ROOT,
                        "[%d tokens, %.1f t/s, %d prompt tokens computed]%n",
                        reply.timings().generatedTokens(),
                        reply.timings().generationTokensPerSecond(),
                        reply.timings().promptTokens());
                messages.add(ChatMessage.assistant(reply.text()));
            }
        }
        return 0;
    }

    private List<ChatMessage> newConversation() {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        return messages;
    }
}
