package io.github.relayllm.core.format.hf;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.relayllm.core.format.ModelFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * One value inside a {@link JsonDocument}: its tree node, the path that names it in messages ({@code
 * header["lm_head.weight"].shape[1]}, {@code rope_scaling.factor}) and its byte offset in the source.
 *
 * <p>The typed accessors are how readers validate: each either returns a value of the asked type and
 * range or throws a {@link ModelFormatException} naming this value's source, path and offset. JSON
 * {@code null} counts as absent for {@link #member(String)}, as Hugging Face writes {@code null} for
 * "use the default".
 */
record JsonValue(JsonDocument document, JsonNode node, String path, long offset) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** An error about this value. */
    ModelFormatException error(String problem) {
        return new ModelFormatException(
                document.source(), path.isEmpty() ? JsonDocument.WHOLE_DOCUMENT : path, offset, problem);
    }

    /** Member {@code name} of this object, or empty when it is absent or {@code null}. */
    Optional<JsonValue> member(String name) {
        requireObject();
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new JsonValue(document, child, fieldPath(name), document.memberOffset(node, name)));
    }

    /** Member {@code name} of this object, which must be present and not {@code null}. */
    JsonValue required(String name) {
        return member(name).orElseThrow(() -> childError(name, "required field is missing or null"));
    }

    /** An error about field {@code name} of this object, reported at this object's offset (it may be absent). */
    ModelFormatException childError(String name, String problem) {
        return new ModelFormatException(document.source(), fieldPath(name), offset, problem);
    }

    /** An error about key {@code key} of this map-like object, reported at this object's offset. */
    ModelFormatException keyError(String key, String problem) {
        return new ModelFormatException(document.source(), keyPath(key), offset, problem);
    }

    /**
     * The members of this object in document order, for objects used as maps (tensor name to entry,
     * tensor to shard): their paths name each key in brackets, {@code header["lm_head.weight"]}.
     */
    SequencedMap<String, JsonValue> members() {
        requireObject();
        SequencedMap<String, JsonValue> members = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            String name = entry.getKey();
            members.put(
                    name, new JsonValue(document, entry.getValue(), keyPath(name), document.memberOffset(node, name)));
        }
        return members;
    }

    /** The elements of this array, in order. */
    List<JsonValue> elements() {
        if (!node.isArray()) {
            throw error("expected an array, found " + describe(node));
        }
        List<JsonValue> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new JsonValue(document, node.get(i), path + "[" + i + "]", document.elementOffset(node, i)));
        }
        return elements;
    }

    /** This value, after checking that it is an object. */
    JsonValue requireObject() {
        if (!node.isObject()) {
            throw error("expected an object, found " + describe(node));
        }
        return this;
    }

    String asString() {
        if (!node.isTextual()) {
            throw error("expected a string, found " + describe(node));
        }
        return node.textValue();
    }

    boolean asBoolean() {
        if (!node.isBoolean()) {
            throw error("expected true or false, found " + describe(node));
        }
        return node.booleanValue();
    }

    /** An integer between 0 and {@link Long#MAX_VALUE}. */
    long asNonNegativeLong() {
        if (!node.isIntegralNumber()) {
            throw error("expected an integer, found " + describe(node));
        }
        if (!node.canConvertToLong() || node.longValue() < 0) {
            throw error("expected an integer from 0 to %d, found %s".formatted(Long.MAX_VALUE, node));
        }
        return node.longValue();
    }

    /** An integer between 1 and {@link Integer#MAX_VALUE}. */
    int asPositiveInt() {
        return asIntAtLeast(1);
    }

    /** An integer between 0 and {@link Integer#MAX_VALUE}. */
    int asNonNegativeInt() {
        return asIntAtLeast(0);
    }

    /** A finite number greater than zero (integers are accepted: {@code 1000000} reads as 1e6). */
    double asPositiveDouble() {
        if (!node.isNumber()) {
            throw error("expected a number, found " + describe(node));
        }
        double value = node.doubleValue();
        if (!(value > 0) || Double.isInfinite(value)) {
            throw error("expected a finite number greater than 0, found " + node);
        }
        return value;
    }

    private int asIntAtLeast(int min) {
        if (!node.isIntegralNumber()) {
            throw error("expected an integer, found " + describe(node));
        }
        if (!node.canConvertToInt() || node.intValue() < min) {
            throw error("expected an integer from %d to %d, found %s".formatted(min, Integer.MAX_VALUE, node));
        }
        return node.intValue();
    }

    /** A schema field: {@code rope_scaling.factor}, or bracketed when the name is no identifier. */
    private String fieldPath(String name) {
        if (IDENTIFIER.matcher(name).matches()) {
            return path.isEmpty() ? name : path + "." + name;
        }
        return keyPath(name);
    }

    /** A map key: {@code weight_map["model.norm.weight"]}. */
    private String keyPath(String key) {
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "the number " + node;
            case BOOLEAN -> node.toString();
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
