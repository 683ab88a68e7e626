package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** UTF-8 decoding with one U+FFFD per maximal ill-formed subpart, as Python and Rust replace. */
class Utf8Test {
    private static final String R = "\uFFFD";

    @Example
    void replacesMaximalSubpartsAsTheUnicodeStandardsExample() {
        // Unicode 16, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
        assertThat(decode("61F18080E180C262806380BF64")).isEqualTo("a" + R + R + R + "b" + R + "c" + R + R + "d");
    }

    @Example
    void replacesWhatPythonReplaces() {
        // Expected values from bytes.fromhex(...).decode("utf-8", "replace").
        assertThat(decode("EDA080")).isEqualTo(R + R + R); // a surrogate: the JDK gives one U+FFFD
        assertThat(decode("F09F98")).isEqualTo(R);
        assertThat(decode("E08080")).isEqualTo(R + R + R);
        assertThat(decode("F4908080")).isEqualTo(R + R + R + R);
        assertThat(decode("C0AF")).isEqualTo(R + R);
        assertThat(decode("F09F9841")).isEqualTo(R + "A");
        assertThat(decode("FF")).isEqualTo(R);
        assertThat(decode("80")).isEqualTo(R);
    }

    @Property
    void decodesWhatItEncodes(@ForAll("text") String text) {
        byte[] bytes = Utf8.encode(text);
        assertThat(bytes).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(Utf8.decode(bytes, 0, bytes.length)).isEqualTo(text);
    }

    @Property
    void anIncompleteTailIsTheOnlyPartWhoseDecodingDependsOnWhatFollows(
            @ForAll byte[] head, @ForAll byte[] continuation) {
        byte[] joined = new byte[head.length + continuation.length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(continuation, 0, joined, head.length, continuation.length);
        int settled = head.length - Utf8.incompleteTail(head, head.length);
        assertThat(Utf8.decode(head, 0, settled) + Utf8.decode(joined, settled, joined.length))
                .isEqualTo(Utf8.decode(joined, 0, joined.length));
    }

    @Example
    void holdsBackOnlyWellFormedIncompleteSequences() {
        assertThat(Utf8.incompleteTail(bytes("41F09F98"), 4)).isEqualTo(3);
        assertThat(Utf8.incompleteTail(bytes("41E2"), 2)).isEqualTo(1);
        assertThat(Utf8.incompleteTail(bytes("41EDA0"), 3)).isZero(); // can never complete
        assertThat(Utf8.incompleteTail(bytes("F09F9880"), 4)).isZero(); // complete
        assertThat(Utf8.incompleteTail(bytes("4180"), 2)).isZero();
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.validText();
    }

    private static String decode(String hex) {
        byte[] bytes = bytes(hex);
        return Utf8.decode(bytes, 0, bytes.length);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
