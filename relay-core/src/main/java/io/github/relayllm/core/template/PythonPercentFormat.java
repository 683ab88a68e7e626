package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Python's printf-style {@code format % values} (and jinja2's {@code format} filter): the
 * conversions {@code s r d i u f F x X o c %}, with the flags {@code - + 0} and space, a width and
 * a precision, and {@code %(key)s} against a mapping. A tuple supplies positional values; a mapping
 * or list is read by key and may go unused, as in Python. Scientific conversions ({@code e g}) are
 * not supported.
 */
final class PythonPercentFormat {
    private PythonPercentFormat() {}

    static String format(String pattern, Value values) {
        List<Value> positional = values instanceof TupleValue tuple ? tuple.items() : List.of(values);
        boolean mappingLike = values instanceof DictValue || values instanceof ListValue;
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        int next = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= pattern.length()) {
                throw new RenderError("incomplete format");
            }
            Value argument = null;
            if (pattern.charAt(i) == '(') {
                int close = pattern.indexOf(')', i);
                if (close < 0 || !(values instanceof DictValue dict)) {
                    throw new RenderError("format requires a mapping");
                }
                argument = dict.get(pattern.substring(i + 1, close));
                if (argument == null) {
                    throw new RenderError("KeyError: '" + pattern.substring(i + 1, close) + "'");
                }
                i = close + 1;
            }
            int specStart = i;
            while (i < pattern.length() && "-+ 0#".indexOf(pattern.charAt(i)) >= 0) {
                i++;
            }
            String flags = pattern.substring(specStart, i);
            int width = 0;
            while (i < pattern.length() && Character.isDigit(pattern.charAt(i)) && width < 10_000) {
                width = width * 10 + pattern.charAt(i++) - '0';
            }
            int precision = -1;
            if (i < pattern.length() && pattern.charAt(i) == '.') {
                i++;
                precision = 0;
                while (i < pattern.length() && Character.isDigit(pattern.charAt(i)) && precision < 10_000) {
                    precision = precision * 10 + pattern.charAt(i++) - '0';
                }
            }
            if (i >= pattern.length()) {
                throw new RenderError("incomplete format");
            }
            char conversion = pattern.charAt(i++);
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            if (argument == null) {
                if (next >= positional.size() || mappingLike && positional.size() == 1 && next > 0) {
                    throw new RenderError("not enough arguments for format string");
                }
                argument = positional.get(next++);
            }
            out.append(pad(convert(conversion, argument, flags, precision), width, flags));
        }
        if (!mappingLike && next < positional.size() && !(values instanceof DictValue)) {
            throw new RenderError("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static String convert(char conversion, Value argument, String flags, int precision) {
        return switch (conversion) {
            case 's' -> truncate(PythonFormat.str(argument), precision);
            case 'r', 'a' -> truncate(PythonFormat.repr(argument), precision);
            case 'd', 'i', 'u' -> signed(String.valueOf(integer(argument)), flags);
            case 'x' -> signed(Long.toHexString(integer(argument)), flags);
            case 'X' -> signed(Long.toHexString(integer(argument)).toUpperCase(Locale.ROOT), flags);
            case 'o' -> signed(Long.toOctalString(integer(argument)), flags);
            case 'f', 'F' -> signed(fixed(Operators.number(argument), precision < 0 ? 6 : precision), flags);
            case 'c' ->
                argument instanceof StrValue s ? s.text() : Character.toString((int) Operators.integer(argument));
            default -> throw new RenderError("unsupported format character '" + conversion + "'");
        };
    }

    private static long integer(Value argument) {
        if (!Operators.isNumber(argument)) {
            throw new RenderError("%d format: a real number is required, not " + argument.typeName());
        }
        return Operators.isInteger(argument)
                ? Operators.integer(argument)
                : Operators.truncate(Operators.number(argument));
    }

    /** Python rounds the exact binary value half to even; Java's %f would round half up. */
    private static String fixed(double value, int precision) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value)
                .setScale(precision, RoundingMode.HALF_EVEN)
                .toPlainString();
        return value < 0 || (value == 0 && 1 / value < 0) ? (text.startsWith("-") ? text : "-" + text) : text;
    }

    private static String signed(String digits, String flags) {
        if (digits.startsWith("-")) {
            return digits;
        }
        return flags.indexOf('+') >= 0 ? "+" + digits : flags.indexOf(' ') >= 0 ? " " + digits : digits;
    }

    private static String truncate(String text, int precision) {
        return precision >= 0 && precision < text.length() ? text.substring(0, precision) : text;
    }

    private static String pad(String text, int width, String flags) {
        int missing = width - text.length();
        if (missing <= 0) {
            return text;
        }
        if (flags.indexOf('-') >= 0) {
            return text + " ".repeat(missing);
        }
        if (flags.indexOf('0') >= 0 && !text.isEmpty() && (Character.isDigit(text.charAt(text.length() - 1)))) {
            int sign = text.startsWith("-") || text.startsWith("+") || text.startsWith(" ") ? 1 : 0;
            return text.substring(0, sign) + "0".repeat(missing) + text.substring(sign);
        }
        return " ".repeat(missing) + text;
    }
}
