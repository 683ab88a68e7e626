package io.github.relayllm.core.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RelayTrace} as a JSON document, for scripts and notebooks (docs/relay-trace.md has the
 * shape):
 *
 * <pre>{@code
 * {"base_prompt": "...", "answer": "...",
 *  "segments": [{"author": "slm", "text": "...", "token_ids": [...], "turn": 1, "call": 0,
 *                "start_char": 0, "end_char": 12, "start_token": 0, "end_token": 4}, ...],
 *  "hand_offs": [{"at_char": 12, "at_token": 4, "from": "slm", "to": "llm", "turn": 1, "call": 1,
 *                 "segment": 2}, ...],
 *  "tokens": {"slm": 4, "llm": 9, "scheduler": 3}}
 * }</pre>
 *
 * <p>The base prompt and each segment's author, text, token ids, turn and call are the trace; the
 * rest (answer, offsets, hand-offs, token counts) is derived, written for readers' convenience and
 * ignored by {@link #read}, which rebuilds it. Offsets are those of {@link TraceSpan} and {@link
 * HandOff}: half-open, chars in UTF-16 code units. Objects are written a field a line and arrays on
 * one line, so that a trace stays readable and diffable. Cost: linear in the trace, built in memory.
 */
public final class TraceJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator(""))
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

    private TraceJson() {}

    /** The trace as JSON text, ending in a newline. */
    public static String toJson(RelayTrace trace) {
        ObjectNode root = NODES.objectNode();
        root.put("base_prompt", trace.basePrompt());
        root.put("answer", trace.answer());
        ArrayNode segments = root.putArray("segments");
        for (TraceSpan span : trace.spans()) {
            TraceSegment segment = span.segment();
            ObjectNode node = segments.addObject();
            node.put("author", segment.author().jsonName());
            node.put("text", segment.text());
            ArrayNode ids = node.putArray("token_ids");
            segment.tokenIds().forEach(ids::add);
            node.put("turn", segment.turn());
            node.put("call", segment.call());
            node.put("start_char", span.startChar());
            node.put("end_char", span.endChar());
            node.put("start_token", span.startToken());
            node.put("end_token", span.endToken());
        }
        ArrayNode handOffs = root.putArray("hand_offs");
        for (HandOff handOff : trace.handOffs()) {
            ObjectNode node = handOffs.addObject();
            node.put("at_char", handOff.atChar());
            node.put("at_token", handOff.atToken());
            node.put("from", handOff.from().jsonName());
            node.put("to", handOff.to().jsonName());
            node.put("turn", handOff.turn());
            node.put("call", handOff.call());
            node.put("segment", handOff.segment());
        }
        ObjectNode tokens = root.putObject("tokens");
        for (Author author : List.of(Author.SLM, Author.LLM, Author.SCHEDULER)) {
            tokens.put(author.jsonName(), trace.tokens(author));
        }
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Writes the trace's JSON to {@code file} (UTF-8), replacing it. */
    public static void write(RelayTrace trace, Path file) throws IOException {
        Files.writeString(file, toJson(trace));
    }

    /**
     * Reads a trace {@link #write} wrote.
     *
     * @throws TraceFormatException if the file is not such JSON (the message names the field)
     */
    public static RelayTrace read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Reads a trace from JSON text {@link #toJson} wrote. */
    public static RelayTrace fromJson(String json) throws TraceFormatException {
        return parse(json, "trace JSON");
    }

    private static RelayTrace parse(String json, String source) throws TraceFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(source, "not JSON: " + e.getOriginalMessage(), e);
        }
        Fields fields = new Fields(source);
        if (root == null || !root.isObject()) {
            throw new TraceFormatException(source, "(document)", "expected an object");
        }
        String basePrompt = fields.string(root, "base_prompt", "base_prompt");
        JsonNode segmentNodes = fields.array(root, "segments", "segments");
        List<TraceSegment> segments = new ArrayList<>(segmentNodes.size());
        for (int i = 0; i < segmentNodes.size(); i++) {
            segments.add(fields.segment(segmentNodes.get(i), "segments[" + i + "]"));
        }
        return new RelayTrace(basePrompt, segments);
    }

    /** Typed field reads that name the field they failed on. */
    private record Fields(String source) {

        TraceSegment segment(JsonNode node, String path) throws TraceFormatException {
            if (!node.isObject()) {
                throw new TraceFormatException(source, path, "expected an object");
            }
            JsonNode idNodes = array(node, "token_ids", path + ".token_ids");
            List<Integer> ids = new ArrayList<>(idNodes.size());
            for (int i = 0; i < idNodes.size(); i++) {
                ids.add(integer(idNodes.get(i), path + ".token_ids[" + i + "]"));
            }
            return new TraceSegment(
                    author(node, path + ".author"),
                    string(node, "text", path + ".text"),
                    ids,
                    integer(node.get("turn"), path + ".turn"),
                    integer(node.get("call"), path + ".call"));
        }

        Author author(JsonNode parent, String path) throws TraceFormatException {
            String name = string(parent, "author", path);
            for (Author author : Author.values()) {
                if (author.jsonName().equals(name)) {
                    return author;
                }
            }
            throw new TraceFormatException(source, path, "expected slm, llm, scheduler or marker, found " + name);
        }

        String string(JsonNode parent, String name, String path) throws TraceFormatException {
            JsonNode node = parent.get(name);
            if (node == null || !node.isTextual()) {
                throw new TraceFormatException(source, path, "expected a string");
            }
            return node.textValue();
        }

        JsonNode array(JsonNode parent, String name, String path) throws TraceFormatException {
            JsonNode node = parent.get(name);
            if (node == null || !node.isArray()) {
                throw new TraceFormatException(source, path, "expected an array");
            }
            return node;
        }

        int integer(JsonNode node, String path) throws TraceFormatException {
            if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new TraceFormatException(source, path, "expected an integer, found " + node);
            }
            return node.intValue();
        }
    }
}
