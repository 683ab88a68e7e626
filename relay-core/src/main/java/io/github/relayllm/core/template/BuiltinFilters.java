package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FloatValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.NoneValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The filters a template may use: jinja2's built-ins with jinja2's semantics (the text filters in
 * {@link TextFilters}, the sequence filters in {@link SequenceFilters}, the rest here), with
 * {@code tojson} replaced by Hugging Face's {@code json.dumps(ensure_ascii=False)}. Filters jinja2
 * has but no chat template needs ({@code groupby}, {@code urlize}, ...) are missing and fail at
 * compile time, as an unknown filter does in jinja2.
 */
final class BuiltinFilters {
    private static final Map<String, Filter> FILTERS = new HashMap<>();

    static {
        FILTERS.put("default", BuiltinFilters::defaultValue);
        FILTERS.put("d", BuiltinFilters::defaultValue);
        FILTERS.put("length", (v, a) -> new IntValue(Access.length(v)));
        FILTERS.put("count", (v, a) -> new IntValue(Access.length(v)));
        FILTERS.put("tojson", BuiltinFilters::toJson);
        FILTERS.put("string", (v, a) -> v instanceof StrValue ? v : new StrValue(PythonFormat.str(v)));
        FILTERS.put("int", BuiltinFilters::toInt);
        FILTERS.put("float", BuiltinFilters::toFloat);
        FILTERS.put("abs", BuiltinFilters::abs);
        FILTERS.put("round", BuiltinFilters::round);
        FILTERS.put("items", BuiltinFilters::items);
        FILTERS.put("attr", BuiltinFilters::attr);
        TextFilters.registerInto(FILTERS);
        SequenceFilters.registerInto(FILTERS);
    }

    private BuiltinFilters() {}

    /** The filter named {@code name}, or null when there is none. */
    static Filter find(String name) {
        return FILTERS.get(name);
    }

    private static Value defaultValue(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("default", "default_value", "boolean");
        Value fallback = bound[0] == null ? Value.EMPTY_STRING : bound[0];
        boolean replaceFalseValues = bound[1] != null && bound[1].isTrue();
        return value instanceof UndefinedValue || (replaceFalseValues && !value.isTrue()) ? fallback : value;
    }

    /** Hugging Face's {@code tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
    private static Value toJson(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("tojson", "ensure_ascii", "indent", "separators", "sort_keys");
        boolean ensureAscii = bound[0] != null && bound[0].isTrue();
        String indent = switch (bound[1]) {
            case null -> null;
            case NoneValue n -> null;
            case StrValue s -> s.text();
            default -> " ".repeat((int) Math.max(0, Math.min(Operators.integer(bound[1]), 1000)));
        };
        String itemSeparator = indent == null ? ", " : ",";
        String keySeparator = ": ";
        if (bound[2] != null && !(bound[2] instanceof NoneValue)) {
            List<Value> separators = Access.iterate(bound[2]);
            if (separators.size() != 2
                    || !(separators.get(0) instanceof StrValue item)
                    || !(separators.get(1) instanceof StrValue key)) {
                throw new RenderError("tojson separators must be a pair of strings");
            }
            itemSeparator = item.text();
            keySeparator = key.text();
        }
        boolean sortKeys = bound[3] != null && bound[3].isTrue();
        JsonEncoder.Style style = new JsonEncoder.Style(indent, itemSeparator, keySeparator, sortKeys, ensureAscii);
        return new StrValue(JsonEncoder.encode(value, style));
    }

    /** jinja2's {@code int(default=0, base=10)}: strings are parsed (as floats if need be), failures give the default. */
    private static Value toInt(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("int", "default", "base");
        Value fallback = bound[0] == null ? new IntValue(0) : bound[0];
        int base = bound[1] == null ? 10 : (int) Operators.integer(bound[1]);
        return switch (value) {
            case UndefinedValue undefined -> throw undefined.error();
            case IntValue i -> i;
            case BoolValue b -> new IntValue(b.value() ? 1 : 0);
            case FloatValue f -> Double.isFinite(f.value()) ? new IntValue(Operators.truncate(f.value())) : fallback;
            case StrValue s -> {
                String text = PythonStrings.strip(s.text(), null).replace("_", "");
                try {
                    yield new IntValue(Long.parseLong(stripRadixPrefix(text, base), base));
                } catch (NumberFormatException e) {
                    Double parsed = PythonFloatParser.parse(s.text());
                    yield parsed != null && Double.isFinite(parsed)
                            ? new IntValue(Operators.truncate(parsed))
                            : fallback;
                }
            }
            default -> fallback;
        };
    }

    private static String stripRadixPrefix(String text, int base) {
        String lower = text.toLowerCase(Locale.ROOT);
        String sign = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(0, 1) : "";
        String digits = lower.substring(sign.length());
        String prefix = switch (base) {
            case 16 -> "0x";
            case 8 -> "0o";
            case 2 -> "0b";
            default -> null;
        };
        return prefix != null && digits.startsWith(prefix) ? sign + digits.substring(2) : text;
    }

    private static Value toFloat(Value value, Arguments arguments) {
        Value fallback = arguments.bind("float", "default")[0];
        Value orDefault = fallback == null ? new FloatValue(0.0) : fallback;
        return switch (value) {
            case UndefinedValue undefined -> throw undefined.error();
            case FloatValue f -> f;
            case IntValue i -> new FloatValue(i.value());
            case BoolValue b -> new FloatValue(b.value() ? 1 : 0);
            case StrValue s -> {
                Double parsed = PythonFloatParser.parse(s.text());
                yield parsed == null ? orDefault : new FloatValue(parsed);
            }
            default -> orDefault;
        };
    }

    private static Value abs(Value value, Arguments arguments) {
        return switch (value) {
            case IntValue i -> new IntValue(Math.abs(i.value()));
            case BoolValue b -> new IntValue(b.value() ? 1 : 0);
            case FloatValue f -> new FloatValue(Math.abs(f.value()));
            default -> throw new RenderError("bad operand type for abs(): '" + value.typeName() + "'");
        };
    }

    /** jinja2's {@code round(precision=0, method='common')}: Python's round (half to even) or ceil / floor. */
    private static Value round(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("round", "precision", "method");
        int precision = bound[0] == null ? 0 : (int) Operators.integer(bound[0]);
        String method = bound[1] == null ? "common" : PythonFormat.str(bound[1]);
        if (!Operators.isNumber(value)) {
            throw new RenderError("type " + value.typeName() + " doesn't define __round__ method");
        }
        RoundingMode mode = switch (method) {
            case "common" -> RoundingMode.HALF_EVEN;
            case "ceil" -> RoundingMode.CEILING;
            case "floor" -> RoundingMode.FLOOR;
            default -> throw new RenderError("method must be 'common', 'ceil' or 'floor'");
        };
        if (Operators.isInteger(value) && mode == RoundingMode.HALF_EVEN) {
            // Python's round(int, n) stays an int.
            return new IntValue(BigDecimal.valueOf(Operators.integer(value))
                    .setScale(Math.min(precision, 0), mode)
                    .longValue());
        }
        double number = Operators.number(value);
        if (!Double.isFinite(number)) {
            return new FloatValue(number);
        }
        return new FloatValue(new BigDecimal(number).setScale(precision, mode).doubleValue());
    }

    /** jinja2's {@code attr(name)}: an attribute only, never a mapping item. */
    private static Value attr(Value value, Arguments arguments) {
        String name = PythonFormat.str(arguments.bind("attr", "name")[0]);
        Value found = Access.pythonAttribute(value, name);
        return found != null ? found : UndefinedValue.missing(value, name);
    }

    private static Value items(Value value, Arguments arguments) {
        return switch (value) {
            case UndefinedValue undefined -> new ListValue(List.of());
            case DictValue dict -> new ListValue(Methods.itemPairs(dict));
            default -> throw new RenderError("Can only get item pairs from a mapping.");
        };
    }
}
