package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.FunctionValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.LoopValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.List;

/** The properties of jinja2's {@code loop} variable, computed from the items and the current index. */
final class LoopAttributes {
    private LoopAttributes() {}

    static Value get(LoopValue loop, String name) {
        int index0 = loop.index0();
        int length = loop.items().size();
        return switch (name) {
            case "index" -> new IntValue(index0 + 1L);
            case "index0" -> new IntValue(index0);
            case "revindex" -> new IntValue(length - index0);
            case "revindex0" -> new IntValue(length - index0 - 1L);
            case "first" -> Value.of(index0 == 0);
            case "last" -> Value.of(index0 == length - 1);
            case "length" -> new IntValue(length);
            case "depth" -> new IntValue(1);
            case "depth0" -> new IntValue(0);
            case "previtem" ->
                index0 > 0 ? loop.items().get(index0 - 1) : new UndefinedValue("there is no previous item");
            case "nextitem" ->
                index0 < length - 1 ? loop.items().get(index0 + 1) : new UndefinedValue("there is no next item");
            case "cycle" -> new FunctionValue("cycle", arguments -> cycle(index0, arguments.positional()));
            default -> UndefinedValue.missing(loop, name);
        };
    }

    private static Value cycle(int index0, List<Value> values) {
        if (values.isEmpty()) {
            throw new RenderError("no items for cycling given");
        }
        return values.get(index0 % values.size());
    }
}
