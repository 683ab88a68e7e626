package io.github.relayllm.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FloatValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.StrValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a caller passes into template values, the way Python's {@code json.loads} would have
 * typed it: maps become dicts (order kept), collections and arrays lists, strings str, integral
 * numbers int, other numbers float, booleans bool, null none. JSON trees convert the same way.
 */
final class ValueConversion {
    private ValueConversion() {}

    static Value fromJava(Object object) {
        return switch (object) {
            case null -> Value.NONE;
            case Value value -> value;
            case String text -> new StrValue(text);
            case Boolean b -> Value.of(b);
            case Integer i -> new IntValue(i);
            case Long l -> new IntValue(l);
            case Short s -> new IntValue(s);
            case Byte b -> new IntValue(b);
            case BigInteger big -> new IntValue(exactLong(big));
            case Float f -> new FloatValue(f);
            case Double d -> new FloatValue(d);
            case BigDecimal decimal -> new FloatValue(decimal.doubleValue());
            case JsonNode node -> fromJson(node);
            case ChatMessage message -> fromJava(message.toTemplateMap());
            case Optional<?> optional -> fromJava(optional.orElse(null));
            case Map<?, ?> map -> {
                Map<Value, Value> entries = new LinkedHashMap<>();
                map.forEach((key, value) -> entries.put(fromJava(key), fromJava(value)));
                yield new DictValue(entries);
            }
            case Collection<?> collection ->
                new ListValue(collection.stream().map(ValueConversion::fromJava).toList());
            case Object[] array ->
                new ListValue(
                        Arrays.stream(array).map(ValueConversion::fromJava).toList());
            default ->
                throw new IllegalArgumentException("a chat template can not read a "
                        + object.getClass().getName() + "; pass maps, lists, strings, numbers, booleans or null");
        };
    }

    static Value fromJson(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> Value.NONE;
            case BOOLEAN -> Value.of(node.booleanValue());
            case STRING -> new StrValue(node.textValue());
            case NUMBER ->
                node.isIntegralNumber()
                        ? new IntValue(exactLong(node.bigIntegerValue()))
                        : new FloatValue(node.doubleValue());
            case ARRAY -> {
                List<Value> items = new ArrayList<>(node.size());
                node.forEach(item -> items.add(fromJson(item)));
                yield new ListValue(items);
            }
            case OBJECT -> {
                Map<Value, Value> entries = new LinkedHashMap<>();
                node.properties()
                        .forEach(entry -> entries.put(new StrValue(entry.getKey()), fromJson(entry.getValue())));
                yield new DictValue(entries);
            }
            case BINARY, POJO ->
                throw new IllegalArgumentException(
                        "a chat template can not read a JSON " + node.getNodeType() + " node");
        };
    }

    private static long exactLong(BigInteger value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("integer " + value + " does not fit in 64 bits", e);
        }
    }
}
