package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FloatValue;
import io.github.relayllm.core.template.Value.FunctionValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.LoopValue;
import io.github.relayllm.core.template.Value.NamespaceValue;
import io.github.relayllm.core.template.Value.NoneValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()} of values: what {@code {{ value }}} prints. Strings
 * print as they are, {@code None} as {@code None}, booleans as {@code True}, an undefined value as
 * nothing, and containers as their repr ({@code ['a', 1, None]}, {@code {'k': (1,)}}).
 */
final class PythonFormat {
    private PythonFormat() {}

    static String str(Value value) {
        return switch (value) {
            case StrValue s -> s.text();
            case UndefinedValue u -> "";
            default -> repr(value);
        };
    }

    static String repr(Value value) {
        StringBuilder out = new StringBuilder();
        appendRepr(value, out);
        return out.toString();
    }

    private static void appendRepr(Value value, StringBuilder out) {
        switch (value) {
            case NoneValue n -> out.append("None");
            case BoolValue b -> out.append(b.value() ? "True" : "False");
            case IntValue i -> out.append(i.value());
            case FloatValue f -> out.append(PythonFloats.repr(f.value()));
            case StrValue s
            when s.markup() -> out.append("Markup(").append(quote(s.text())).append(')');
            case StrValue s -> out.append(quote(s.text()));
            case ListValue l -> appendItems(l.items(), "[", "]", out);
            case TupleValue t -> appendItems(t.items(), "(", t.items().size() == 1 ? ",)" : ")", out);
            case DictValue d -> appendEntries(d.entries(), out);
            case UndefinedValue u -> out.append("Undefined");
            case NamespaceValue ns -> {
                out.append("<Namespace {");
                String separator = "";
                for (Map.Entry<String, Value> entry : ns.attributes().entrySet()) {
                    out.append(separator).append(quote(entry.getKey())).append(": ");
                    appendRepr(entry.getValue(), out);
                    separator = ", ";
                }
                out.append("}>");
            }
            case LoopValue loop ->
                out.append("<LoopContext ")
                        .append(loop.index0() + 1)
                        .append('/')
                        .append(loop.items().size())
                        .append('>');
            case FunctionValue f -> out.append("<function ").append(f.name()).append('>');
        }
    }

    private static void appendItems(List<Value> items, String open, String close, StringBuilder out) {
        out.append(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendRepr(items.get(i), out);
        }
        out.append(close);
    }

    private static void appendEntries(Map<Value, Value> entries, StringBuilder out) {
        out.append('{');
        String separator = "";
        for (Map.Entry<Value, Value> entry : entries.entrySet()) {
            out.append(separator);
            appendRepr(entry.getKey(), out);
            out.append(": ");
            appendRepr(entry.getValue(), out);
            separator = ", ";
        }
        out.append('}');
    }

    /** Python's string repr: single quotes unless the text holds a single quote and no double quote. */
    static String quote(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        text.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < 0x20 || cp == 0x7F) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7F || isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xFF) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xFFFF) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one non-ASCII code point. */
    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
