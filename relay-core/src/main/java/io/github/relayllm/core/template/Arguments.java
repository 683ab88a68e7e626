package io.github.relayllm.core.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The evaluated arguments of a call, filter or test: positional ones, then named ones in call order. */
record Arguments(List<Value> positional, Map<String, Value> named) {
    static final Arguments NONE = new Arguments(List.of(), Map.of());

    Arguments {
        positional = List.copyOf(positional);
        named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
    }

    static Arguments of(Value... positional) {
        return new Arguments(List.of(positional), Map.of());
    }

    boolean isEmpty() {
        return positional.isEmpty() && named.isEmpty();
    }

    /**
     * Matches the arguments to the parameters of {@code function} as Python would: returns one slot
     * per parameter, null where no argument was given. Too many positional arguments, an unknown
     * name, or a parameter given twice is a {@link RenderError}.
     */
    Value[] bind(String function, String... parameters) {
        if (positional.size() > parameters.length) {
            throw new RenderError("%s() takes at most %d argument(s) (%d given)"
                    .formatted(function, parameters.length, positional.size()));
        }
        Value[] bound = new Value[parameters.length];
        for (int i = 0; i < positional.size(); i++) {
            bound[i] = positional.get(i);
        }
        for (Map.Entry<String, Value> argument : named.entrySet()) {
            int index = List.of(parameters).indexOf(argument.getKey());
            if (index < 0) {
                throw new RenderError(
                        "%s() got an unexpected keyword argument '%s'".formatted(function, argument.getKey()));
            }
            if (bound[index] != null) {
                throw new RenderError(
                        "%s() got multiple values for argument '%s'".formatted(function, argument.getKey()));
            }
            bound[index] = argument.getValue();
        }
        return bound;
    }
}
