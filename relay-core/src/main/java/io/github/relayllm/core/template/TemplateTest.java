package io.github.relayllm.core.template;

/** A template test ({@code value is name(arguments)}); see {@link BuiltinTests}. */
@FunctionalInterface
interface TemplateTest {
    boolean test(Value value, Arguments arguments);
}
