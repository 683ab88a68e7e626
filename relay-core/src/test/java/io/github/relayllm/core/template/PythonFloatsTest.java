package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatsTest {
    @ParameterizedTest
    @CsvSource({
        "1e16, 1e+16",
        "1e15, 1000000000000000.0",
        "1e-5, 1e-05",
        "0.0001, 0.0001",
        "5e-324, 5e-324",
        "0.1, 0.1",
        "100.0, 100.0",
        "1.5e300, 1.5e+300",
        "123456789012345678.0, 1.2345678901234568e+17",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "9007199254740993.0, 9007199254740992.0",
        "-2.5e-7, -2.5e-07",
        "1e23, 1e+23",
        "-0.0, -0.0"
    })
    void matchesPythonsRepr(double value, String python) {
        assertThat(PythonFloats.repr(value)).isEqualTo(python);
    }

    @Property
    void readsBackToTheSameDouble(@ForAll("anyFiniteDouble") double value) {
        assertThat(Double.parseDouble(PythonFloats.repr(value))).isEqualTo(value);
    }

    @Provide
    Arbitrary<Double> anyFiniteDouble() {
        return Arbitraries.longs()
                .map(Double::longBitsToDouble)
                .filter(Double::isFinite)
                .edgeCases(edges ->
                        edges.add(Double.MIN_VALUE).add(Double.MAX_VALUE).add(Double.MIN_NORMAL));
    }
}
