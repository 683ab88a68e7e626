package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A sharded checkpoint's {@code model.safetensors.index.json}: its {@code weight_map} says which
 * shard file holds each tensor. Shard names are checked to be plain file names, so an index can not
 * point outside its directory.
 */
record SafetensorsIndex(Path file, List<Entry> entries, JsonValue weightMap) {
    static final String FILE_NAME = "model.safetensors.index.json";

    /** One {@code weight_map} entry and where it sits in the index file, for errors about it. */
    record Entry(String tensor, String shard, JsonValue value) {}

    SafetensorsIndex {
        entries = List.copyOf(entries);
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws ModelFormatException if it is not JSON, has no {@code weight_map} object, or names a
     *     shard that is not a plain file name
     */
    static SafetensorsIndex read(Path file) throws IOException {
        JsonValue weightMap = JsonDocument.read(file).required("weight_map").requireObject();
        List<Entry> entries = weightMap.members().entrySet().stream()
                .map(member -> new Entry(member.getKey(), shardName(member.getValue()), member.getValue()))
                .toList();
        if (entries.isEmpty()) {
            throw weightMap.error("lists no tensors");
        }
        return new SafetensorsIndex(file, entries, weightMap);
    }

    /** The shard file names, sorted (so {@code model-00001-of-00004.safetensors} comes first). */
    SortedSet<String> shards() {
        SortedSet<String> shards = new TreeSet<>();
        entries.forEach(entry -> shards.add(entry.shard()));
        return shards;
    }

    private static String shardName(JsonValue value) {
        String name = value.asString();
        boolean plain = !name.isEmpty()
                && !name.equals(".")
                && !name.equals("..")
                && name.indexOf('/') < 0
                && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
        if (!plain) {
            throw value.error("'%s' is not a file name in the model directory".formatted(name));
        }
        return name;
    }
}
