package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay tokenize MODEL (TEXT | --jsonl FILE)}: the ids and pieces of a text, or, for batch
 * checks against other tokenizers, one JSON line per input line. The defaults are the convention of
 * llama.cpp's tokenizer test vectors: no BOS, special tokens not parsed, added tokens matched.
 */
@Command(
        name = "tokenize",
        description = "Tokenize text with a model's tokenizer (GGUF file, vocabulary-only GGUF or HF directory).",
        mixinStandardHelpOptions = true)
final class TokenizeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "MODEL", description = "GGUF file or Hugging Face directory.")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "The text to tokenize.")
    String text;

    @Option(
            names = "--jsonl",
            paramLabel = "FILE",
            description = "Read lines {\"text\": ...}; write {\"text\": ..., \"ids\": [...]} lines.")
    Path jsonl;

    @Option(names = "--special", description = "Parse special tokens such as <|im_start|> in the text.")
    boolean special;

    @Option(names = "--bos", description = "Prepend BOS when the tokenizer's metadata says to.")
    boolean bos;

    @Option(names = "--json", description = "Print one JSON document: ids and pieces.")
    boolean json;

    @Option(names = "--ids", description = "Print only the ids, space-separated.")
    boolean idsOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((text == null) == (jsonl == null)) {
            throw new ParameterException(spec.commandLine(), "give either TEXT or --jsonl FILE");
        }
        Tokenizer tokenizer = Tokenizer.load(model);
        PrintWriter out = spec.commandLine().getOut();
        if (jsonl != null) {
            encodeLines(tokenizer, out);
            return 0;
        }
        int[] ids = encode(tokenizer, text);
        if (json) {
            ObjectNode root = JsonOutput.object();
            ArrayNode idArray = root.putArray("ids");
            ArrayNode pieces = root.putArray("pieces");
            for (int id : ids) {
                idArray.add(id);
                pieces.add(TokenText.of(tokenizer, id));
            }
            JsonOutput.print(out, root);
        } else if (idsOnly) {
            out.println(String.join(
                    " ", Arrays.stream(ids).mapToObj(Integer::toString).toList()));
        } else {
            TextTable table = new TextTable(">id", "piece", "text");
            for (int id : ids) {
                table.row(id, tokenizer.piece(id), quoted(TokenText.of(tokenizer, id)));
            }
            table.print(out, "");
            out.printf("%d tokens%n", ids.length);
        }
        return 0;
    }

    private int[] encode(Tokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text, special ? Tokenizer.Specials.PARSE : Tokenizer.Specials.AS_TEXT);
        if (bos && tokenizer.addsBos() && tokenizer.bosId().isPresent()) {
            int[] withBos = new int[ids.length + 1];
            withBos[0] = tokenizer.bosId().getAsInt();
            System.arraycopy(ids, 0, withBos, 1, ids.length);
            return withBos;
        }
        return ids;
    }

    private void encodeLines(Tokenizer tokenizer, PrintWriter out) throws Exception {
        try (BufferedReader lines = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode text = parseLine(line, number).get("text");
                if (text == null || !text.isTextual()) {
                    throw new IllegalArgumentException(
                            "%s:%d: expected an object with a string \"text\"".formatted(jsonl, number));
                }
                ObjectNode result = JsonOutput.object();
                result.put("text", text.textValue());
                ArrayNode ids = result.putArray("ids");
                for (int id : encode(tokenizer, text.textValue())) {
                    ids.add(id);
                }
                out.println(JSON.writeValueAsString(result));
            }
        }
        out.flush();
    }

    private JsonNode parseLine(String line, int number) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (Exception e) {
            throw new IllegalArgumentException("%s:%d: %s".formatted(jsonl, number, e.getMessage()), e);
        }
    }

    /** The text of a token with control characters made visible, for the terminal. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("'");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append("\\x%02x".formatted(c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('\'').toString();
    }
}
