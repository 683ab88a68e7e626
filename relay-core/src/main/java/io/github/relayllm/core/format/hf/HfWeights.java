package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The safetensors files of a model directory, one file or the shards of an index, mapped into one
 * arena and seen as one table of tensors. Closing it unmaps them all.
 */
final class HfWeights implements AutoCloseable {
    private final Arena arena;
    private final List<Path> paths;
    private final List<Safetensors> files;
    private final Map<String, Safetensors> fileOf;

    /** Takes ownership of {@code arena}, into which {@code files} (read from {@code paths}) are mapped. */
    private HfWeights(Arena arena, Map<Path, Safetensors> files) {
        this.arena = arena;
        this.paths = List.copyOf(files.keySet());
        this.files = List.copyOf(files.values());
        Map<String, Safetensors> index = new HashMap<>();
        this.files.forEach(file -> file.tensors().forEach(info -> index.put(info.name(), file)));
        this.fileOf = index;
    }

    /** Maps one unsharded {@code model.safetensors}. */
    static HfWeights single(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            return new HfWeights(arena, Map.of(file, Safetensors.open(file, arena)));
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Maps every shard {@code index} names and checks the index against them: each named shard
     * exists, holds the tensors the index assigns to it, and holds no others.
     *
     * @throws ModelFormatException naming the index file and the tensor at fault, or a shard file
     *     that is not valid safetensors
     */
    static HfWeights sharded(SafetensorsIndex index) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            Map<Path, Safetensors> shardFiles = openShards(index, arena);
            Map<String, Safetensors> shards = new LinkedHashMap<>();
            shardFiles.forEach((path, shard) -> shards.put(path.getFileName().toString(), shard));
            for (SafetensorsIndex.Entry entry : index.entries()) {
                if (shards.get(entry.shard()).tensorInfo(entry.tensor()).isEmpty()) {
                    throw entry.value().error("shard '%s' holds no such tensor".formatted(entry.shard()));
                }
            }
            Map<String, SafetensorsIndex.Entry> entryOf = new HashMap<>();
            index.entries().forEach(entry -> entryOf.put(entry.tensor(), entry));
            for (var shard : shards.entrySet()) {
                for (SafetensorsTensorInfo info : shard.getValue().tensors()) {
                    SafetensorsIndex.Entry entry = entryOf.get(info.name());
                    if (entry == null) {
                        throw index.weightMap()
                                .childError(
                                        info.name(),
                                        "is not listed, but shard '%s' holds it".formatted(shard.getKey()));
                    }
                    if (!entry.shard().equals(shard.getKey())) {
                        throw entry.value()
                                .error("the index places it in '%s', but shard '%s' holds it too"
                                        .formatted(entry.shard(), shard.getKey()));
                    }
                }
            }
            return new HfWeights(arena, shardFiles);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Opens the shards {@code index} names, in name order. */
    private static Map<Path, Safetensors> openShards(SafetensorsIndex index, Arena arena) throws IOException {
        Path directory = index.file().getParent();
        Map<Path, Safetensors> shards = new LinkedHashMap<>();
        for (String shard : index.shards()) {
            Path file = directory.resolve(shard);
            if (!Files.isRegularFile(file)) {
                SafetensorsIndex.Entry first = index.entries().stream()
                        .filter(entry -> entry.shard().equals(shard))
                        .findFirst()
                        .orElseThrow();
                throw first.value().error("names shard '%s', which is not in %s".formatted(shard, directory));
            }
            shards.put(file, Safetensors.open(file, arena));
        }
        return shards;
    }

    /** Every tensor: file by file (shards in name order), each file's in data order. */
    List<SafetensorsTensorInfo> tensors() {
        return files.stream().flatMap(file -> file.tensors().stream()).toList();
    }

    Optional<SafetensorsTensorInfo> tensorInfo(String name) {
        Safetensors file = fileOf.get(name);
        return file == null ? Optional.empty() : file.tensorInfo(name);
    }

    Optional<Tensor> tensor(String name) {
        Safetensors file = fileOf.get(name);
        return file == null ? Optional.empty() : Optional.of(file.tensor(name));
    }

    List<Path> files() {
        return paths;
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
