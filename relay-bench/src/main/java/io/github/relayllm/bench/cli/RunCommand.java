package io.github.relayllm.bench.cli;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.relay.LlmSide;
import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.relay.RelayListener;
import io.github.relayllm.core.relay.RelayResult;
import io.github.relayllm.core.relay.RelayResultJson;
import io.github.relayllm.core.relay.protocol.RelayStatus;
import io.github.relayllm.core.relay.remote.OpenAiCompletionsClient;
import io.github.relayllm.core.relay.remote.RemoteLlmOptions;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Backends;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay run --slm A --llm B --prompt QUESTION}: one relay request between two models on one
 * backend (or an SLM here and an LLM behind an OpenAI-compatible server), the answer streamed with the
 * LLM's text marked, then the accounting; {@code --json} prints one document instead.
 */
@Command(
        name = "run",
        description = "Run one relay request: the SLM writes and calls the LLM with <call>N</call>.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--slm",
            required = true,
            paramLabel = "MODEL",
            description = "The small model (GGUF or HF directory).")
    Path slm;

    @Option(names = "--llm", paramLabel = "MODEL", description = "The large model, loaded in this process.")
    Path llm;

    @Option(
            names = "--llm-url",
            paramLabel = "URL",
            description = "The large model behind an OpenAI-compatible server.")
    URI llmUrl;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PromptChoice prompt;

    static final class PromptChoice {
        @Option(
                names = "--prompt",
                paramLabel = "QUESTION",
                description = "A question: chat template + the paper's instruction.")
        String question;

        @Option(names = "--raw-prompt", paramLabel = "TEXT", description = "The base prompt, used as it is.")
        String raw;
    }

    @Option(names = "--think", description = "Render the chat template with enable_thinking=true (default false).")
    boolean think;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the trace: .html (coloured page) or .json.")
    Path trace;

    @Option(names = "--json", description = "Print one JSON document (DESIGN.md §8) instead of streaming.")
    boolean json;

    @Mixin
    RelayOptionsMixin relayOptions;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((llm == null) == (llmUrl == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --llm and --llm-url");
        }
        PrintWriter out = spec.commandLine().getOut();
        ModelOptions options = modelOptions.toOptions();
        try (Backend backend = Backends.create(options.backend(), options.backendOptions());
                Model small = Model.load(slm, backend, options);
                LoadedLlm large = LoadedLlm.open(llm, llmUrl, backend, options)) {
            Relay relay = new Relay(small, large.side());
            String basePrompt = prompt.raw != null ? prompt.raw : relay.questionPrompt(prompt.question, think);
            RelayConsole console = new RelayConsole(out, RelayConsole.terminal());
            RelayResult result = relay.run(basePrompt, relayOptions.toOptions(), json ? RelayListener.NONE : console);
            if (json) {
                JsonOutput.print(out, RelayResultJson.toJson(result));
            } else {
                console.finish();
                RelayConsole.printAccounting(out, result);
            }
            if (trace != null) {
                TraceFiles.write(result.trace(), "relay run", trace);
                spec.commandLine().getErr().println("trace: " + trace.toAbsolutePath());
            }
            return result.outcome().status() == RelayStatus.DONE ? 0 : ErrorReporter.EXIT_ERROR;
        }
    }

    /** The LLM side and what closing it takes: a model on the shared backend, or a client. */
    record LoadedLlm(LlmSide side, AutoCloseable resource) implements AutoCloseable {
        static LoadedLlm open(Path model, URI url, Backend backend, ModelOptions options) throws Exception {
            if (model != null) {
                Model loaded = Model.load(model, backend, options);
                return new LoadedLlm(new LlmSide.Local(loaded), loaded);
            }
            OpenAiCompletionsClient client = new OpenAiCompletionsClient(RemoteLlmOptions.of(url));
            return new LoadedLlm(new LlmSide.Remote(client), client);
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
