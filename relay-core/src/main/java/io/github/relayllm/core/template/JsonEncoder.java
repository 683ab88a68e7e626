package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FloatValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.NoneValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps}, which Hugging Face's {@code tojson} filter calls with
 * {@code ensure_ascii=False}: {@code {"a": [1, 2.5, null, true]}} with {@code ", "} and
 * {@code ": "} separators, floats in Python's repr, non-ASCII text unescaped, and with an indent,
 * one item per line and {@code ","} as the item separator.
 */
final class JsonEncoder {
    /**
     * {@code json.dumps} options: {@code indent} null for one line; separators; {@code sortKeys};
     * {@code ensureAscii} escapes everything outside printable ASCII as {@code \}{@code uXXXX}.
     */
    record Style(String indent, String itemSeparator, String keySeparator, boolean sortKeys, boolean ensureAscii) {
        static final Style HUGGING_FACE = new Style(null, ", ", ": ", false, false);
    }

    private final Style style;
    private final StringBuilder out = new StringBuilder();

    private JsonEncoder(Style style) {
        this.style = style;
    }

    static String encode(Value value, Style style) {
        JsonEncoder encoder = new JsonEncoder(style);
        encoder.write(value, 0);
        return encoder.out.toString();
    }

    private void write(Value value, int level) {
        switch (value) {
            case NoneValue n -> out.append("null");
            case BoolValue b -> out.append(b.value());
            case IntValue i -> out.append(i.value());
            case FloatValue f -> out.append(floatText(f.value()));
            case StrValue s -> writeString(s.text());
            case ListValue l -> writeArray(l.items(), level);
            case TupleValue t -> writeArray(t.items(), level);
            case DictValue d -> writeObject(d.entries(), level);
            default -> throw new RenderError("Object of type " + value.typeName() + " is not JSON serializable");
        }
    }

    private static String floatText(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return PythonFloats.repr(value);
    }

    private void writeArray(List<Value> items, int level) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        String separator = open(level + 1);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            write(items.get(i), level + 1);
        }
        close(level);
        out.append(']');
    }

    private void writeObject(Map<Value, Value> entries, int level) {
        if (entries.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<Value, Value>> ordered = new ArrayList<>(entries.entrySet());
        if (style.sortKeys()) {
            ordered.sort((a, b) -> Operators.compare(a.getKey(), b.getKey()));
        }
        out.append('{');
        String separator = open(level + 1);
        boolean first = true;
        for (Map.Entry<Value, Value> entry : ordered) {
            if (!first) {
                out.append(separator);
            }
            first = false;
            writeString(keyText(entry.getKey()));
            out.append(style.keySeparator());
            write(entry.getValue(), level + 1);
        }
        close(level);
        out.append('}');
    }

    /** Starts the items of a container at {@code level}; returns the separator between items. */
    private String open(int level) {
        if (style.indent() == null) {
            return style.itemSeparator();
        }
        String newline = "\n" + style.indent().repeat(level);
        out.append(newline);
        return style.itemSeparator() + newline;
    }

    private void close(int level) {
        if (style.indent() != null) {
            out.append('\n').append(style.indent().repeat(level));
        }
    }

    private static String keyText(Value key) {
        return switch (key) {
            case StrValue s -> s.text();
            case FloatValue f -> floatText(f.value());
            case BoolValue b -> String.valueOf(b.value());
            case NoneValue n -> "null";
            case IntValue i -> String.valueOf(i.value());
            default -> throw new RenderError("keys must be str, int, float, bool or None, not " + key.typeName());
        };
    }

    private void writeString(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (style.ensureAscii() && c > 0x7E)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
