package io.github.relayllm.core.template;

import java.util.HashMap;
import java.util.Map;

/**
 * One level of variables in jinja2's scope chain. Lookups walk up to the globals; assignments go to
 * this level only, which is why a {@code set} inside a loop body is gone after the iteration, and
 * why templates carry state across iterations in a {@code namespace()}.
 */
final class Scope {
    private final Scope parent;
    private final Map<String, Value> variables;

    private Scope(Scope parent, Map<String, Value> variables) {
        this.parent = parent;
        this.variables = variables;
    }

    /** The outermost scope: read-only globals. */
    static Scope globals(Map<String, Value> globals) {
        return new Scope(null, Map.copyOf(globals));
    }

    Scope child() {
        return new Scope(this, new HashMap<>(8));
    }

    /** The value bound to {@code name} here or in an enclosing scope, or null when there is none. */
    Value lookup(String name) {
        for (Scope scope = this; scope != null; scope = scope.parent) {
            Value value = scope.variables.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    void assign(String name, Value value) {
        variables.put(name, value);
    }
}
