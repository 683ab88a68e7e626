package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.NoneValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Python methods templates call on values: {@code str} methods ({@link StringMethods}) and the
 * non-mutating {@code dict}, {@code list} and {@code tuple} methods. The mutating ones
 * ({@code append}, {@code update}, ...) are refused, as jinja2's immutable sandbox refuses them.
 */
final class Methods {
    private static final Set<String> DICT_METHODS = Set.of("items", "keys", "values", "get", "copy");
    private static final Set<String> SEQUENCE_METHODS = Set.of("index", "count");
    private static final Set<String> MUTATING_METHODS = Set.of(
            "append",
            "extend",
            "insert",
            "pop",
            "remove",
            "reverse",
            "sort",
            "clear",
            "popitem",
            "setdefault",
            "update");

    private Methods() {}

    static boolean has(Value target, String name) {
        return switch (target) {
            case StrValue s -> StringMethods.NAMES.contains(name);
            case DictValue d -> DICT_METHODS.contains(name);
            case ListValue l -> SEQUENCE_METHODS.contains(name);
            case TupleValue t -> SEQUENCE_METHODS.contains(name);
            default -> false;
        };
    }

    /** Whether the sandbox refuses {@code name} on {@code target} because it would change it. */
    static boolean isMutating(Value target, String name) {
        return (target instanceof ListValue || target instanceof DictValue) && MUTATING_METHODS.contains(name);
    }

    /** Calls method {@code name} of {@code target}, or returns null when {@code target} has no such method. */
    static Value call(Value target, String name, Arguments arguments) {
        if (!has(target, name)) {
            return null;
        }
        return switch (target) {
            case StrValue s -> StringMethods.call(s.text(), name, arguments);
            case DictValue d -> callDict(d, name, arguments);
            case ListValue l -> callSequence(l.items(), "list", name, arguments);
            case TupleValue t -> callSequence(t.items(), "tuple", name, arguments);
            default -> null;
        };
    }

    private static Value callDict(DictValue dict, String name, Arguments arguments) {
        if (name.equals("get")) {
            Value[] bound = arguments.bind("get", "key", "default");
            if (bound[0] == null) {
                throw new RenderError("get() takes at least 1 argument (0 given)");
            }
            Value found = dict.entries().get(bound[0]);
            return found != null ? found : bound[1] != null ? bound[1] : Value.NONE;
        }
        arguments.bind(name);
        return switch (name) {
            case "items" -> new ListValue(itemPairs(dict));
            case "keys" -> new ListValue(List.copyOf(dict.entries().keySet()));
            case "values" -> new ListValue(List.copyOf(dict.entries().values()));
            default -> dict;
        };
    }

    /** The {@code (key, value)} tuples of a dict, in insertion order. */
    static List<Value> itemPairs(DictValue dict) {
        List<Value> pairs = new ArrayList<>(dict.entries().size());
        for (Map.Entry<Value, Value> entry : dict.entries().entrySet()) {
            pairs.add(new TupleValue(List.of(entry.getKey(), entry.getValue())));
        }
        return pairs;
    }

    private static Value callSequence(List<Value> items, String type, String name, Arguments arguments) {
        Value[] bound = arguments.bind(name, "value");
        if (bound[0] == null) {
            throw new RenderError(name + "() takes exactly one argument (0 given)");
        }
        if (name.equals("count")) {
            return new IntValue(items.stream()
                    .filter(item -> Operators.equal(item, bound[0]))
                    .count());
        }
        for (int i = 0; i < items.size(); i++) {
            if (Operators.equal(items.get(i), bound[0])) {
                return new IntValue(i);
            }
        }
        throw new RenderError(PythonFormat.repr(bound[0]) + " is not in " + type);
    }

    /** A method argument that must be a string, or none where Python allows it. */
    static String optionalText(Value value, String method) {
        return switch (value) {
            case null -> null;
            case NoneValue n -> null;
            case StrValue s -> s.text();
            default -> throw new RenderError(method + "() argument must be str or None, not " + value.typeName());
        };
    }
}
