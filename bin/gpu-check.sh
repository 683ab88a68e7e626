#!/usr/bin/env bash
# The standing GPU check of the OpenCL backend, run on the device machine from target/gpu-bundle
# (see bin/gpu-bundle): lists the devices, runs every op against the reference, and benchmarks
# Qwen3-0.6B- and 1.7B-shaped random Q8_0 models (8B-shaped too with RELAY_GPU_8B=1). Everything it
# prints is also written under $OUT (or ./gpu-check-out). RELAY_GPU_SHAPES and RELAY_GPU_BENCH (the
# bench options) override the defaults, for a quick rehearsal on any OpenCL device.
set -uo pipefail
bundle="$(cd "$(dirname "$0")" && pwd)"
out="${OUT:-$PWD/gpu-check-out}"
mkdir -p "$out"
models="${RELAY_GPU_MODELS:-/tmp/relay-gpu-models}"
mkdir -p "$models"

# Use the machine's ICD loader and vendor files when it has them; else ours, pointed at NVIDIA's library.
if ! ldconfig -p 2>/dev/null | grep -q 'libOpenCL.so.1 '; then
  export LD_LIBRARY_PATH="$bundle/lib:${LD_LIBRARY_PATH:-}"
fi
if [ ! -d /etc/OpenCL/vendors ] || [ -z "$(ls -A /etc/OpenCL/vendors 2>/dev/null)" ]; then
  export OCL_ICD_VENDORS="$bundle/icd"
fi

relay() {
  "$bundle/java/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -Xmx16g ${RELAY_JAVA_OPTS:-} -jar "$bundle/relay.jar" "$@"
}

step() {
  local name="$1"
  shift
  echo "== $name: $*" | tee -a "$out/gpu-check.log"
  local start=$SECONDS
  "$@" > >(tee "$out/$name.txt" | tee -a "$out/gpu-check.log") 2> >(tee "$out/$name.err" >&2)
  local rc=$?
  echo "== $name: exit $rc after $((SECONDS - start)) s" | tee -a "$out/gpu-check.log"
}

{ nvidia-smi || true; } > "$out/nvidia-smi.txt" 2>&1
step devices relay devices --verbose
step ops-check relay ops-check --backend opencl
for shape in ${RELAY_GPU_SHAPES:-qwen3-0.6b qwen3-1.7b ${RELAY_GPU_8B:+qwen3-8b}}; do
  model="$models/$shape-q8_0.gguf"
  [ -f "$model" ] || step "synth-$shape" relay synth --shape "$shape" --dtype q8_0 --out "$model"
  # shellcheck disable=SC2086 # RELAY_GPU_BENCH is a list of options
  step "bench-opencl-$shape" relay bench "$model" --backend opencl ${RELAY_GPU_BENCH:--p 512 -n 128 -r 3}
done
echo "done; results in $out"
