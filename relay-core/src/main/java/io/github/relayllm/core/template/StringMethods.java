package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/** The Python {@code str} methods templates use, with Python's arguments and results. */
final class StringMethods {
    static final Set<String> NAMES = Set.of(
            "startswith",
            "endswith",
            "split",
            "rsplit",
            "splitlines",
            "strip",
            "lstrip",
            "rstrip",
            "replace",
            "upper",
            "lower",
            "title",
            "capitalize",
            "find",
            "rfind",
            "count",
            "join",
            "format",
            "isdigit",
            "isalpha",
            "isalnum",
            "isspace",
            "isupper",
            "islower");

    private StringMethods() {}

    static Value call(String text, String name, Arguments arguments) {
        return switch (name) {
            case "startswith", "endswith" -> affix(text, name, arguments);
            case "split", "rsplit" -> split(text, name, arguments);
            case "splitlines" -> {
                arguments.bind(name);
                yield strings(PythonStrings.splitLines(text));
            }
            case "strip", "lstrip", "rstrip" -> strip(text, name, arguments);
            case "replace" -> replace(text, arguments);
            case "find", "rfind", "count" -> search(text, name, arguments);
            case "join" -> join(text, arguments);
            case "format" -> new StrValue(PythonStringFormat.format(text, arguments));
            default -> {
                arguments.bind(name);
                yield withoutArguments(text, name);
            }
        };
    }

    private static Value withoutArguments(String text, String name) {
        return switch (name) {
            case "upper" -> new StrValue(PythonStrings.upper(text));
            case "lower" -> new StrValue(PythonStrings.lower(text));
            case "title" -> new StrValue(PythonStrings.title(text));
            case "capitalize" -> new StrValue(PythonStrings.capitalize(text));
            case "isdigit" -> allCodePoints(text, Character::isDigit);
            case "isalpha" -> allCodePoints(text, Character::isLetter);
            case "isalnum" -> allCodePoints(text, Character::isLetterOrDigit);
            case "isspace" -> allCodePoints(text, cp -> cp <= 0xFFFF && PythonStrings.isSpace((char) cp));
            case "isupper" -> cased(text, true);
            case "islower" -> cased(text, false);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Value affix(String text, String name, Arguments arguments) {
        Value[] bound = arguments.bind(name, "affix", "start", "end");
        if (bound[0] == null) {
            throw new RenderError(name + "() takes at least 1 argument (0 given)");
        }
        String subject = text;
        if (bound[1] != null || bound[2] != null) {
            Value start = bound[1] == null ? Value.NONE : bound[1];
            Value end = bound[2] == null ? Value.NONE : bound[2];
            subject = PythonStrings.slice(text, SliceRange.of(PythonStrings.length(text), start, end, Value.NONE));
        }
        List<Value> candidates = bound[0] instanceof TupleValue tuple ? tuple.items() : List.of(bound[0]);
        for (Value candidate : candidates) {
            if (!(candidate instanceof StrValue affix)) {
                throw new RenderError(name + " first arg must be str or a tuple of str, not " + candidate.typeName());
            }
            boolean matches =
                    name.equals("startswith") ? subject.startsWith(affix.text()) : subject.endsWith(affix.text());
            if (matches) {
                return Value.TRUE;
            }
        }
        return Value.FALSE;
    }

    private static Value split(String text, String name, Arguments arguments) {
        Value[] bound = arguments.bind(name, "sep", "maxsplit");
        String separator = Methods.optionalText(bound[0], name);
        long maxSplit = bound[1] == null ? -1 : Operators.integer(bound[1]);
        return strings(
                name.equals("split")
                        ? PythonStrings.split(text, separator, maxSplit)
                        : PythonStrings.rsplit(text, separator, maxSplit));
    }

    private static Value strip(String text, String name, Arguments arguments) {
        String chars = Methods.optionalText(arguments.bind(name, "chars")[0], name);
        return new StrValue(
                switch (name) {
                    case "lstrip" -> PythonStrings.lstrip(text, chars);
                    case "rstrip" -> PythonStrings.rstrip(text, chars);
                    default -> PythonStrings.strip(text, chars);
                });
    }

    private static Value replace(String text, Arguments arguments) {
        Value[] bound = arguments.bind("replace", "old", "new", "count");
        if (!(bound[0] instanceof StrValue old) || !(bound[1] instanceof StrValue replacement)) {
            throw new RenderError("replace() arguments 1 and 2 must be str");
        }
        long count = bound[2] == null ? -1 : Operators.integer(bound[2]);
        return new StrValue(PythonStrings.replace(text, old.text(), replacement.text(), count));
    }

    private static Value search(String text, String name, Arguments arguments) {
        Value[] bound = arguments.bind(name, "sub", "start", "end");
        if (!(bound[0] instanceof StrValue sub)) {
            throw new RenderError(name + "() argument must be str");
        }
        long offset = 0;
        String subject = text;
        if (bound[1] != null || bound[2] != null) {
            SliceRange range = SliceRange.of(
                    PythonStrings.length(text),
                    bound[1] == null ? Value.NONE : bound[1],
                    bound[2] == null ? Value.NONE : bound[2],
                    Value.NONE);
            offset = range.start();
            subject = PythonStrings.slice(text, range);
        }
        return switch (name) {
            case "count" -> new IntValue(PythonStrings.count(subject, sub.text()));
            case "find" -> position(PythonStrings.find(subject, sub.text()), offset);
            default -> position(PythonStrings.rfind(subject, sub.text()), offset);
        };
    }

    private static Value position(long found, long offset) {
        return new IntValue(found < 0 ? -1 : found + offset);
    }

    private static Value join(String separator, Arguments arguments) {
        Value iterable = arguments.bind("join", "iterable")[0];
        if (iterable == null) {
            throw new RenderError("join() takes exactly one argument (0 given)");
        }
        StringBuilder out = new StringBuilder();
        List<Value> items = Access.iterate(iterable);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof StrValue item)) {
                throw new RenderError("sequence item %d: expected str instance, %s found"
                        .formatted(i, items.get(i).typeName()));
            }
            if (i > 0) {
                out.append(separator);
            }
            out.append(item.text());
        }
        return new StrValue(out.toString());
    }

    private static Value strings(List<String> parts) {
        return new ListValue(
                parts.stream().map(part -> (Value) new StrValue(part)).toList());
    }

    private static BoolValue allCodePoints(String text, IntPredicate predicate) {
        return Value.of(!text.isEmpty() && text.codePoints().allMatch(predicate));
    }

    /** {@code isupper} / {@code islower}: some cased character, and none of the other case. */
    private static BoolValue cased(String text, boolean upper) {
        boolean anyCased = false;
        for (int cp : text.codePoints().toArray()) {
            if (upper ? Character.isLowerCase(cp) : Character.isUpperCase(cp)) {
                return Value.FALSE;
            }
            anyCased |= upper ? Character.isUpperCase(cp) : Character.isLowerCase(cp);
        }
        return Value.of(anyCased);
    }
}
