package io.github.relayllm.core.format.hf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One way to damage a safetensors file, for fuzzing the reader. Positions are drawn as arbitrary
 * non-negative ints and taken modulo whatever they index, so every mutation applies to every file.
 */
sealed interface SafetensorsMutation {
    byte[] apply(byte[] file);

    /** Flips one bit anywhere in the file. */
    record FlipBit(int position, int bit) implements SafetensorsMutation {
        @Override
        public byte[] apply(byte[] file) {
            if (file.length == 0) {
                return file;
            }
            byte[] out = file.clone();
            out[position % out.length] ^= (byte) (1 << (bit & 7));
            return out;
        }
    }

    /** Cuts the file short. */
    record Truncate(int length) implements SafetensorsMutation {
        @Override
        public byte[] apply(byte[] file) {
            return Arrays.copyOf(file, length % (file.length + 1));
        }
    }

    /** Appends junk after the data. */
    record Append(int count) implements SafetensorsMutation {
        @Override
        public byte[] apply(byte[] file) {
            return Arrays.copyOf(file, file.length + count % 64);
        }
    }

    /** Moves the header length by a small amount, or replaces it outright. */
    record EditHeaderLength(long delta, boolean replace) implements SafetensorsMutation {
        @Override
        public byte[] apply(byte[] file) {
            if (file.length < 8) {
                return file;
            }
            ByteBuffer buffer = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(0, replace ? delta : buffer.getLong(0) + delta);
            return buffer.array();
        }
    }

    /** Replaces one digit of the header (a shape, an offset) with another. */
    record EditDigit(int occurrence, int digit) implements SafetensorsMutation {
        @Override
        public byte[] apply(byte[] file) {
            return replaceInHeader(file, b -> b >= '0' && b <= '9', occurrence, (byte) ('0' + digit % 10));
        }
    }

    /** Overwrites one structural character of the header ({@code {}[]":,}) with another. */
    record EditPunctuation(int occurrence, int replacement) implements SafetensorsMutation {
        private static final byte[] PUNCTUATION = "{}[]\":,- ".getBytes(StandardCharsets.US_ASCII);

        @Override
        public byte[] apply(byte[] file) {
            byte with = PUNCTUATION[replacement % PUNCTUATION.length];
            return replaceInHeader(file, b -> indexOf(PUNCTUATION, b) >= 0, occurrence, with);
        }
    }

    /** Renames one occurrence of a dtype in the header, to a supported, unsupported or unknown name. */
    record SwapDtype(int occurrence, int replacement) implements SafetensorsMutation {
        private static final String[] NAMES = {
            "F32", "F16", "BF16", "F64", "I8", "I16", "I32", "I64", "U8", "BOOL", "F8_E4M3", "X", ""
        };

        @Override
        public byte[] apply(byte[] file) {
            String text = new String(file, StandardCharsets.ISO_8859_1);
            String key = "\"dtype\":\"";
            int at = -1;
            for (int i = 0; i <= occurrence % 8; i++) {
                int next = text.indexOf(key, at + 1);
                if (next < 0) {
                    break;
                }
                at = next;
            }
            if (at < 0) {
                return file;
            }
            int start = at + key.length();
            int end = text.indexOf('"', start);
            if (end < 0) {
                return file;
            }
            String edited = text.substring(0, start) + NAMES[replacement % NAMES.length] + text.substring(end);
            return fixHeaderLength(edited.getBytes(StandardCharsets.ISO_8859_1), edited.length() - text.length());
        }
    }

    /** Deletes a short run of bytes inside the header, keeping the header length consistent. */
    record DeleteInHeader(int position, int count) implements SafetensorsMutation {
        @Override
        public byte[] apply(byte[] file) {
            int headerEnd = headerEnd(file);
            if (headerEnd <= 8) {
                return file;
            }
            int from = 8 + position % (headerEnd - 8);
            int to = Math.min(headerEnd, from + 1 + count % 8);
            byte[] out = new byte[file.length - (to - from)];
            System.arraycopy(file, 0, out, 0, from);
            System.arraycopy(file, to, out, from, file.length - to);
            return fixHeaderLength(out, -(to - from));
        }
    }

    private static byte[] replaceInHeader(byte[] file, BytePredicate matches, int occurrence, byte with) {
        int headerEnd = headerEnd(file);
        int count = 0;
        for (int i = 8; i < headerEnd; i++) {
            if (matches.test(file[i])) {
                count++;
            }
        }
        if (count == 0) {
            return file;
        }
        int target = occurrence % count;
        byte[] out = file.clone();
        for (int i = 8; i < headerEnd; i++) {
            if (matches.test(file[i]) && target-- == 0) {
                out[i] = with;
                break;
            }
        }
        return out;
    }

    /** Where the header claims to end, clamped to the file. */
    private static int headerEnd(byte[] file) {
        if (file.length < 8) {
            return 0;
        }
        long length = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return (int) Math.max(8, Math.min(file.length, 8 + Math.max(0, Math.min(length, file.length))));
    }

    private static byte[] fixHeaderLength(byte[] file, int delta) {
        if (file.length >= 8) {
            ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(0, buffer.getLong(0) + delta);
        }
        return file;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @FunctionalInterface
    interface BytePredicate {
        boolean test(byte b);
    }
}
