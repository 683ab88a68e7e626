package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FunctionValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.NamespaceValue;
import io.github.relayllm.core.template.Value.StrValue;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions every template can call: jinja2's {@code range}, {@code namespace} and {@code dict},
 * and the two Hugging Face adds, {@code raise_exception(message)} and {@code strftime_now(format)}.
 */
final class BuiltinGlobals {
    /** jinja2's sandbox refuses ranges longer than this. */
    static final int MAX_RANGE = 100_000;

    private BuiltinGlobals() {}

    /** The globals, with {@code strftime_now} reading {@code clock}. */
    static Map<String, Value> create(Clock clock) {
        Map<String, Value> globals = new LinkedHashMap<>();
        globals.put("range", new FunctionValue("range", BuiltinGlobals::range));
        globals.put("namespace", new FunctionValue("namespace", BuiltinGlobals::namespace));
        globals.put("dict", new FunctionValue("dict", BuiltinGlobals::dict));
        globals.put("raise_exception", new FunctionValue("raise_exception", BuiltinGlobals::raiseException));
        globals.put("strftime_now", new FunctionValue("strftime_now", arguments -> strftimeNow(clock, arguments)));
        return Map.copyOf(globals);
    }

    private static Value range(Arguments arguments) {
        if (!arguments.named().isEmpty()
                || arguments.positional().isEmpty()
                || arguments.positional().size() > 3) {
            throw new RenderError("range expected 1 to 3 positional arguments");
        }
        List<Value> given = arguments.positional();
        long start = given.size() == 1 ? 0 : Operators.integer(given.get(0));
        long stop = Operators.integer(given.get(given.size() == 1 ? 0 : 1));
        long step = given.size() == 3 ? Operators.integer(given.get(2)) : 1;
        if (step == 0) {
            throw new RenderError("range() arg 3 must not be zero");
        }
        long count;
        try {
            count = step > 0
                    ? Math.ceilDiv(Math.subtractExact(stop, start), step)
                    : Math.ceilDiv(Math.subtractExact(start, stop), Math.negateExact(step));
        } catch (ArithmeticException e) {
            count = Long.MAX_VALUE;
        }
        count = Math.max(0, count);
        if (count > MAX_RANGE) {
            throw new RenderError(
                    "Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
        }
        List<Value> numbers = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            numbers.add(new IntValue(start + i * step));
        }
        return new ListValue(numbers);
    }

    /** {@code namespace(mapping?, name=value, ...)}: a mutable object for state that outlives loop scopes. */
    private static Value namespace(Arguments arguments) {
        return new NamespaceValue(new LinkedHashMap<>(keywordMap("namespace", arguments)));
    }

    private static Value dict(Arguments arguments) {
        Map<Value, Value> entries = new LinkedHashMap<>();
        keywordMap("dict", arguments).forEach((key, value) -> entries.put(new StrValue(key), value));
        return new DictValue(entries);
    }

    /** An optional positional mapping updated with the named arguments, as {@code dict(m, **kw)} builds it. */
    private static Map<String, Value> keywordMap(String function, Arguments arguments) {
        if (arguments.positional().size() > 1) {
            throw new RenderError(function + "() takes at most one positional argument");
        }
        Map<String, Value> result = new LinkedHashMap<>();
        if (!arguments.positional().isEmpty()) {
            if (!(arguments.positional().getFirst() instanceof DictValue initial)) {
                throw new RenderError(function + "() positional argument must be a mapping");
            }
            initial.entries().forEach((key, value) -> result.put(PythonFormat.str(key), value));
        }
        result.putAll(arguments.named());
        return result;
    }

    private static Value raiseException(Arguments arguments) {
        Value message = arguments.bind("raise_exception", "message")[0];
        throw RenderError.raisedByTemplate(message == null ? "" : PythonFormat.str(message));
    }

    private static Value strftimeNow(Clock clock, Arguments arguments) {
        Value format = arguments.bind("strftime_now", "format")[0];
        if (!(format instanceof StrValue text)) {
            throw new RenderError("strftime_now() needs a format string");
        }
        return new StrValue(PythonStrftime.format(ZonedDateTime.now(clock), text.text()));
    }
}
