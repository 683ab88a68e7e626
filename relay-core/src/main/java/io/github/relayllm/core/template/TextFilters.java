package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.NoneValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * jinja2's string filters. They read their input as Python's {@code str()} of it (so an undefined
 * value reads as the empty string), and with autoescape off, return plain strings, except
 * {@code escape} and {@code safe}, which return markup.
 */
final class TextFilters {
    private TextFilters() {}

    static void registerInto(Map<String, Filter> filters) {
        filters.put("upper", (v, a) -> text(v, a, "upper", PythonStrings::upper));
        filters.put("lower", (v, a) -> text(v, a, "lower", PythonStrings::lower));
        filters.put("capitalize", (v, a) -> text(v, a, "capitalize", PythonStrings::capitalize));
        filters.put("title", (v, a) -> text(v, a, "title", TextFilters::titleWords));
        filters.put("trim", TextFilters::trim);
        filters.put("replace", TextFilters::replace);
        filters.put("indent", TextFilters::indent);
        filters.put("center", TextFilters::center);
        filters.put("escape", TextFilters::escape);
        filters.put("e", TextFilters::escape);
        filters.put("safe", (v, a) -> new StrValue(PythonFormat.str(v), true));
        filters.put("format", TextFilters::format);
    }

    private static Value text(Value value, Arguments arguments, String name, UnaryOperator<String> op) {
        arguments.bind(name);
        return new StrValue(op.apply(PythonFormat.str(value)));
    }

    /** jinja2's {@code title}: capitalizes each word, words starting after a space, dash or opening bracket. */
    private static String titleWords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean wordStart = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String character = Character.toString(cp);
            boolean boundary = cp <= 0xFFFF && (PythonStrings.isSpace((char) cp) || "-({[<".indexOf(cp) >= 0);
            if (boundary) {
                out.append(character);
            } else {
                out.append(wordStart ? PythonStrings.upper(character) : PythonStrings.lower(character));
            }
            wordStart = boundary;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static Value trim(Value value, Arguments arguments) {
        String chars = Methods.optionalText(arguments.bind("trim", "chars")[0], "trim");
        return new StrValue(PythonStrings.strip(PythonFormat.str(value), chars));
    }

    private static Value replace(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("replace", "old", "new", "count");
        if (bound[0] == null || bound[1] == null) {
            throw new RenderError("replace() needs the old and the new text");
        }
        long count = bound[2] == null || bound[2] instanceof NoneValue ? -1 : Operators.integer(bound[2]);
        return new StrValue(PythonStrings.replace(
                PythonFormat.str(value), PythonFormat.str(bound[0]), PythonFormat.str(bound[1]), count));
    }

    /** jinja2's {@code indent(width=4, first=False, blank=False)}: indents every line but the first (and blank ones). */
    private static Value indent(Value value, Arguments arguments) {
        if (value instanceof UndefinedValue undefined) {
            throw undefined.error();
        }
        if (!(value instanceof StrValue text)) {
            throw new RenderError("unsupported operand type(s) for +=: '" + value.typeName() + "' and 'str'");
        }
        Value[] bound = arguments.bind("indent", "width", "first", "blank");
        String indentation = bound[0] instanceof StrValue s
                ? s.text()
                : " ".repeat((int) Math.max(0, Math.min(bound[0] == null ? 4 : Operators.integer(bound[0]), 1000)));
        boolean first = bound[1] != null && bound[1].isTrue();
        boolean blank = bound[2] != null && bound[2].isTrue();
        List<String> lines = PythonStrings.splitLines(text.text() + "\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i > 0) {
                out.append('\n');
                if (blank || !line.isEmpty()) {
                    out.append(indentation);
                }
            }
            out.append(line);
        }
        return new StrValue(first ? indentation + out : out.toString());
    }

    /** Python's {@code str.center(width)}: pads both sides, the extra space on the right unless the width is odd. */
    private static Value center(Value value, Arguments arguments) {
        Value width = arguments.bind("center", "width")[0];
        String text = PythonFormat.str(value);
        int margin =
                (int) Math.min(width == null ? 80 : Operators.integer(width), 100_000) - PythonStrings.length(text);
        if (margin <= 0) {
            return new StrValue(text);
        }
        int total = margin + PythonStrings.length(text);
        int left = margin / 2 + (margin & total & 1);
        return new StrValue(" ".repeat(left) + text + " ".repeat(margin - left));
    }

    /** jinja2's {@code format(*args)} or {@code format(**kwargs)}: {@code value % args} in Python. */
    private static Value format(Value value, Arguments arguments) {
        if (!arguments.positional().isEmpty() && !arguments.named().isEmpty()) {
            throw new RenderError("can't handle positional and keyword arguments at the same time");
        }
        Value values;
        if (arguments.named().isEmpty()) {
            values = new TupleValue(arguments.positional());
        } else {
            Map<Value, Value> entries = new LinkedHashMap<>();
            arguments.named().forEach((key, v) -> entries.put(new StrValue(key), v));
            values = new DictValue(entries);
        }
        return new StrValue(PythonPercentFormat.format(PythonFormat.str(value), values));
    }

    private static Value escape(Value value, Arguments arguments) {
        arguments.bind("escape");
        if (value instanceof StrValue s && s.markup()) {
            return s;
        }
        return new StrValue(PythonStrings.escapeHtml(PythonFormat.str(value)), true);
    }
}
