package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Statement.CallBlock;
import io.github.relayllm.core.template.Statement.Macro;
import io.github.relayllm.core.template.Statement.MacroUses;
import io.github.relayllm.core.template.Statement.Parameter;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FunctionValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Macros as jinja2 runs them: a macro is a function that renders its body in a fresh scope below
 * the scope it was defined in and returns the text. Missing arguments are undefined (not errors);
 * extra ones are errors unless the body reads {@code varargs} or {@code kwargs}; a {@code call}
 * block passes its body as the {@code caller} macro.
 */
final class MacroCalls {
    /** Macro calls may nest this deep, so that a runaway recursive macro fails cleanly. */
    static final int MAX_DEPTH = 200;

    private final Interpreter interpreter;
    private int depth;

    MacroCalls(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    FunctionValue define(Macro macro, Scope definingScope) {
        return new FunctionValue(
                macro.name(),
                arguments ->
                        call(macro.name(), macro.parameters(), macro.body(), macro.uses(), definingScope, arguments));
    }

    /** Runs a {@code call} block: calls its callee with the block body as the {@code caller} argument. */
    Value callWithCaller(CallBlock block, Scope scope) {
        FunctionValue caller = new FunctionValue(
                "caller",
                arguments -> call("caller", block.callerParameters(), block.body(), block.uses(), scope, arguments));
        try {
            Value callee = Evaluator.evaluate(block.call().callee(), scope);
            Arguments written = Evaluator.arguments(block.call().arguments(), scope);
            Map<String, Value> named = new LinkedHashMap<>(written.named());
            named.put("caller", caller);
            return Evaluator.invoke(callee, new Arguments(written.positional(), named));
        } catch (RenderError error) {
            throw error.at(block.call().position());
        }
    }

    private Value call(
            String name,
            List<Parameter> parameters,
            List<Statement> body,
            MacroUses uses,
            Scope definingScope,
            Arguments arguments) {
        if (depth >= MAX_DEPTH) {
            throw new RenderError("macro calls nest deeper than " + MAX_DEPTH + " (runaway recursion?)");
        }
        Scope scope = definingScope.child();
        List<Value> positional = arguments.positional();
        Map<String, Value> named = new LinkedHashMap<>(arguments.named());
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            Value byName = named.remove(parameter.name());
            Value value;
            if (i < positional.size()) {
                if (byName != null) {
                    throw new RenderError(
                            "macro '" + name + "' got multiple values for argument '" + parameter.name() + "'");
                }
                value = positional.get(i);
            } else if (byName != null) {
                value = byName;
            } else if (parameter.defaultValue() != null) {
                value = Evaluator.evaluate(parameter.defaultValue(), scope);
            } else {
                value = new UndefinedValue("parameter '" + parameter.name() + "' was not provided");
            }
            scope.assign(parameter.name(), value);
        }
        bindExtras(name, parameters.size(), uses, positional, named, scope);
        depth++;
        try {
            return new StrValue(interpreter.render(body, scope));
        } finally {
            depth--;
        }
    }

    private static void bindExtras(
            String name, int declared, MacroUses uses, List<Value> positional, Map<String, Value> named, Scope scope) {
        List<Value> extra = positional.size() > declared ? positional.subList(declared, positional.size()) : List.of();
        if (uses.varargs()) {
            scope.assign("varargs", new TupleValue(extra));
        } else if (!extra.isEmpty()) {
            throw new RenderError("macro '" + name + "' takes not more than " + declared + " argument(s)");
        }
        Value caller = named.remove("caller");
        if (caller != null && !uses.caller()) {
            throw new RenderError("macro '" + name + "' takes no keyword argument 'caller'");
        }
        if (caller != null) {
            scope.assign("caller", caller);
        }
        if (uses.kwargs()) {
            Map<Value, Value> entries = new LinkedHashMap<>();
            named.forEach((key, value) -> entries.put(new StrValue(key), value));
            scope.assign("kwargs", new DictValue(entries));
        } else if (!named.isEmpty()) {
            throw new RenderError("macro '" + name + "' takes no keyword argument '"
                    + named.keySet().iterator().next() + "'");
        }
    }
}
