package io.github.relayllm.core.template;

/**
 * Python's {@code str.format} for the forms templates use: {@code {}} (automatic numbering),
 * {@code {0}}, {@code {name}}, the conversions {@code !s} and {@code !r}, and {@code {{ }}} for
 * literal braces. Format specifications ({@code {:>10}}) are not supported and are an error.
 */
final class PythonStringFormat {
    private PythonStringFormat() {}

    static String format(String pattern, Arguments arguments) {
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        int automatic = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '}') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new RenderError("Single '}' encountered in format string");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
                continue;
            }
            int close = pattern.indexOf('}', i);
            if (close < 0) {
                throw new RenderError("Single '{' encountered in format string");
            }
            String field = pattern.substring(i + 1, close);
            if (field.contains(":")) {
                throw new RenderError("format specifications ('" + field + "') are not supported");
            }
            char conversion = 's';
            int bang = field.indexOf('!');
            if (bang >= 0) {
                conversion = bang + 1 < field.length() ? field.charAt(bang + 1) : '?';
                field = field.substring(0, bang);
            }
            Value value = field.isEmpty() ? positional(arguments, automatic++) : lookup(arguments, field);
            out.append(
                    switch (conversion) {
                        case 's' -> PythonFormat.str(value);
                        case 'r' -> PythonFormat.repr(value);
                        default -> throw new RenderError("Unknown conversion specifier " + conversion);
                    });
            i = close + 1;
        }
        return out.toString();
    }

    private static Value lookup(Arguments arguments, String field) {
        if (field.length() < 10 && field.chars().allMatch(Character::isDigit)) {
            return positional(arguments, Integer.parseInt(field));
        }
        Value value = arguments.named().get(field);
        if (value == null) {
            throw new RenderError("format field '" + field + "' was not given");
        }
        return value;
    }

    private static Value positional(Arguments arguments, int index) {
        if (index >= arguments.positional().size()) {
            throw new RenderError("Replacement index " + index + " out of range for positional args tuple");
        }
        return arguments.positional().get(index);
    }
}
