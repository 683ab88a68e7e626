// llama.cpp's speed on this machine, measured like `relay bench` and llama-bench: pp N (prompt
// tokens per second), tg N (decode tokens per second, one token per step), each after a context of
// depth D tokens, mean ± standard deviation over R runs. It runs the prebuilt llama.cpp libraries that
// node-llama-cpp ships (CPU backend; ggml picks the variant for this CPU at load), so no compiler
// and no network beyond npm are needed. Run `relay bench` with the same options in the same minutes:
// the host's speed drifts by up to 2x, so only interleaved numbers compare.
//
//   npm install --prefix bench/llama-cpp
//   node bench/llama-cpp/yardstick.mjs MODEL.gguf [-p 128] [-n 32] [-d 0] [-t 2] [-r 3] [-fa 0|1]
//
// -fa chooses flash attention as llama-bench's flag does; without it llama.cpp decides ("auto").
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

function parse(argv) {
    const options = {p: 128, n: 32, d: 0, t: 2, r: 3, fa: "auto"};
    const positional = [];
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i].match(/^-([pndtr]|fa)$/);
        if (flag) {
            const value = Number(argv[++i]);
            if (!Number.isInteger(value) || value < 0) throw new Error(`${argv[i - 1]} needs a whole number, got ${argv[i]}`);
            options[flag[1]] = flag[1] === "fa" ? value === 1 : value;
        } else {
            positional.push(argv[i]);
        }
    }
    if (positional.length !== 1) throw new Error("usage: yardstick.mjs MODEL.gguf [-p N] [-n N] [-d N] [-t N] [-r N] [-fa 0|1]");
    if (options.r < 1 || options.t < 1) throw new Error(`-r and -t need at least 1, got -r ${options.r} -t ${options.t}`);
    return {model: positional[0], ...options};
}

/** Token ids from a fixed linear congruential sequence: the same every run, like relay bench's. */
function tokens(count, seed, vocabulary) {
    const ids = [];
    let state = seed;
    for (let i = 0; i < count; i++) {
        state = (state * 1103515245 + 12345) % 2147483648;
        ids.push(state % vocabulary);
    }
    return ids;
}

function summary(values) {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : 0;
    return `${mean.toFixed(2)} ± ${Math.sqrt(variance).toFixed(2)}`;
}

let options;
try {
    options = parse(process.argv.slice(2));
} catch (e) {
    console.error(`yardstick: ${e.message}`);
    process.exit(2);
}
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.warn});
const model = await llama.loadModel({modelPath: options.model, gpuLayers: 0});
const context = await model.createContext({
    contextSize: Math.max(512, options.d + Math.max(options.p, options.n) + 16),
    batchSize: Math.max(512, options.p),
    threads: options.t,
    flashAttention: options.fa,
    sequences: 1,
});
const sequence = context.getSequence();
// Random ids must lie in the vocabulary: its size is the embedding table's second dimension.
const embedding = model.fileInfo.tensorInfo?.find((tensor) => tensor.name === "token_embd.weight");
const vocabulary = Number(embedding?.dimensions?.[1]);
if (!Number.isInteger(vocabulary) || vocabulary <= 0) {
    console.error(`yardstick: ${options.model} has no token_embd.weight to size its vocabulary by`);
    process.exit(2);
}
const depth = tokens(options.d, 99, vocabulary);

async function atDepth() {
    await sequence.clearHistory();
    if (depth.length > 0) await sequence.evaluateWithoutGeneratingNewTokens(depth);
}

const rows = [];
if (options.p > 0) {
    const speeds = [];
    for (let run = 0; run < options.r; run++) {
        await atDepth();
        const prompt = tokens(options.p, 7 + run, vocabulary);
        const start = performance.now();
        await sequence.evaluateWithoutGeneratingNewTokens(prompt);
        speeds.push(options.p / ((performance.now() - start) / 1000));
    }
    rows.push([`pp${options.p}`, speeds]);
}
if (options.n > 0) {
    const speeds = [];
    for (let run = 0; run < options.r; run++) {
        await atDepth();
        let steps = 0;
        const start = performance.now();
        // Each token the generator yields is one decode step: the first evaluates the given token.
        for await (const ignored of sequence.evaluate(tokens(1, 3 + run, vocabulary), {temperature: 0})) {
            if (++steps === options.n) break;
        }
        speeds.push(options.n / ((performance.now() - start) / 1000));
    }
    rows.push([`tg${options.n}`, speeds]);
}
const name = options.model.split("/").pop();
console.log("model | backend | threads | fa | test | t/s");
for (const [test, speeds] of rows) {
    console.log(`${name} | llama.cpp (node-llama-cpp 3.22.1) | ${options.t} | ${options.fa} | ${test}${options.d > 0 ? ` @ d${options.d}` : ""} | ${summary(speeds)}`);
}
await context.dispose();
await model.dispose();
process.exit(0);
