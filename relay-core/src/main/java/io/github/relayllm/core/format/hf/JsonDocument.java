package io.github.relayllm.core.format.hf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document read into Jackson's tree model that remembers where each value starts in the
 * source, so that validation can report a byte offset for any field it rejects.
 *
 * <p>Parsing is strict and bounded, because the input may be hostile: UTF-8 only (checked before
 * Jackson sees a byte), duplicate keys rejected, nothing but whitespace after the value, nesting at
 * most {@value #MAX_NESTING_DEPTH} deep (the tree is built recursively), and numbers of at most
 * {@value #MAX_NUMBER_LENGTH} characters. Cost: one UTF-8 check and one parse over the bytes; the
 * tree plus one offset per value, several times the text's size in heap.
 */
final class JsonDocument {
    /** Largest JSON file (config.json, an index) we read into memory; safetensors caps its header alike. */
    static final long MAX_BYTES = 100_000_000;

    /** How errors name a document whose members are named by their keys alone. */
    static final String WHOLE_DOCUMENT = "document";

    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength((int) MAX_BYTES)
                    .maxNameLength((int) MAX_BYTES)
                    .build())
            .build();

    private final String source;
    private final long baseOffset;
    // Keyed by identity: containers are always distinct objects, while Jackson shares scalar nodes.
    private final Map<JsonNode, Map<String, Long>> memberOffsets = new IdentityHashMap<>();
    private final Map<JsonNode, List<Long>> elementOffsets = new IdentityHashMap<>();

    private JsonDocument(String source, long baseOffset) {
        this.source = source;
        this.baseOffset = baseOffset;
    }

    /**
     * Parses {@code json}, which starts at byte {@code baseOffset} of {@code source}.
     *
     * @param rootPath how messages name the whole document and prefix its members ({@code header}),
     *     or empty when members are named by their keys alone
     * @throws ModelFormatException if the bytes are not UTF-8 or not one well-formed JSON value
     */
    static JsonValue parse(byte[] json, String source, String rootPath, long baseOffset) {
        String documentField = rootPath.isEmpty() ? WHOLE_DOCUMENT : rootPath;
        requireUtf8(json, source, documentField, baseOffset);
        JsonDocument document = new JsonDocument(source, baseOffset);
        try {
            JsonParser parser = FACTORY.createParser(json);
            try {
                return document.readDocument(parser, rootPath, documentField);
            } catch (JsonProcessingException e) {
                // Read the location before closing the parser: constraint violations (nesting depth,
                // number length) carry none of their own.
                JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new ModelFormatException(
                        source,
                        documentField,
                        document.offsetOf(where),
                        "not valid JSON: " + e.getOriginalMessage(),
                        e);
            } finally {
                parser.close();
            }
        } catch (IOException e) {
            // Reading from memory does not fail for I/O reasons: whatever Jackson reports is the text.
            throw new ModelFormatException(
                    source, documentField, ModelFormatException.UNKNOWN_OFFSET, "not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and parses the JSON file {@code file}, refusing files over {@link #MAX_BYTES}.
     *
     * @throws ModelFormatException if the file is too large or not valid JSON
     */
    static JsonValue read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(
                    file.toString(),
                    WHOLE_DOCUMENT,
                    ModelFormatException.UNKNOWN_OFFSET,
                    "%d bytes exceed the %d-byte limit for JSON files".formatted(size, MAX_BYTES));
        }
        return parse(Files.readAllBytes(file), file.toString(), "", 0);
    }

    String source() {
        return source;
    }

    /** Source offset of the value of member {@code name} of {@code object}. */
    long memberOffset(JsonNode object, String name) {
        return memberOffsets.get(object).get(name);
    }

    /** Source offset of element {@code index} of {@code array}. */
    long elementOffset(JsonNode array, int index) {
        return elementOffsets.get(array).get(index);
    }

    private JsonValue readDocument(JsonParser parser, String rootPath, String documentField) throws IOException {
        if (parser.nextToken() == null) {
            throw new ModelFormatException(source, documentField, baseOffset, "empty: no JSON value");
        }
        long rootOffset = offsetOf(parser.currentTokenLocation());
        JsonNode root = readValue(parser);
        if (parser.nextToken() != null) {
            throw new ModelFormatException(
                    source,
                    documentField,
                    offsetOf(parser.currentTokenLocation()),
                    "unexpected content after the JSON value");
        }
        return new JsonValue(this, root, rootPath, rootOffset);
    }

    private JsonNode readValue(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new IllegalStateException("unexpected token " + parser.currentToken());
        };
    }

    private ObjectNode readObject(JsonParser parser) throws IOException {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        Map<String, Long> offsets = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            offsets.put(name, offsetOf(parser.currentTokenLocation()));
            object.set(name, readValue(parser));
        }
        memberOffsets.put(object, offsets);
        return object;
    }

    private ArrayNode readArray(JsonParser parser) throws IOException {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        List<Long> offsets = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            offsets.add(offsetOf(parser.currentTokenLocation()));
            array.add(readValue(parser));
        }
        elementOffsets.put(array, offsets);
        return array;
    }

    private long offsetOf(JsonLocation location) {
        if (location == null) {
            return ModelFormatException.UNKNOWN_OFFSET;
        }
        long offset = location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
        return offset >= 0 ? baseOffset + offset : ModelFormatException.UNKNOWN_OFFSET;
    }

    /**
     * Checks that {@code json} is UTF-8 without NUL bytes. JSON allows no NUL anywhere, and a NUL
     * among the first four bytes would make Jackson guess UTF-16 or UTF-32 instead of reporting it.
     */
    private static void requireUtf8(byte[] json, String source, String field, long baseOffset) {
        for (int i = 0; i < json.length; i++) {
            if (json[i] == 0) {
                throw new ModelFormatException(source, field, baseOffset + i, "not valid JSON: a NUL byte");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(json);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new ModelFormatException(source, field, baseOffset + in.position(), "not valid UTF-8");
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }
}
