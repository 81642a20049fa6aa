#!/usr/bin/env node
/**
 * JavaScript peers for bench/harness.mjs, run from bench/ so they resolve from bench/node_modules
 * (installed by `npm run bench`, never by the main install): @tensorflow/tfjs softmax on its cpu
 * and wasm backends, and onnxruntime-node's Softmax operator on a one-node model.
 * Prints {"versions": {...}, "results": [{name, dtype, n, ns_per_element}]}.
 * Usage: node bench/js-peers.mjs [N] [--tfjs-wasm-only]
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { logits, timeIt } from "./timing.mjs";

const n = Number(process.argv[2] ?? 1e6);
const wasmOnly = process.argv.includes("--tfjs-wasm-only");
const require = createRequire(import.meta.url);
const version = (name) =>
  JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;

/** A one-node ONNX model, y = Softmax(x, axis = −1), encoded as protobuf by hand. */
function softmaxModel(elemType) {
  const varint = (v) => {
    const out = [];
    let x = BigInt(v);
    if (x < 0n) x += 1n << 64n;
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x > 0n) b |= 0x80;
      out.push(b);
    } while (x > 0n);
    return out;
  };
  const key = (f, w) => varint((f << 3) | w);
  const bytes = (f, b) => [...key(f, 2), ...varint(b.length), ...b];
  const str = (f, s) => bytes(f, [...Buffer.from(s)]);
  const int = (f, v) => [...key(f, 0), ...varint(v)];
  const shape = bytes(2, bytes(1, int(1, n)));
  const info = (f, name) =>
    bytes(f, [...str(1, name), ...bytes(2, bytes(1, [...int(1, elemType), ...shape]))]);
  const attribute = bytes(5, [...str(1, "axis"), ...int(3, -1), ...int(20, 2)]);
  const node = bytes(1, [...str(1, "x"), ...str(2, "y"), ...str(4, "Softmax"), ...attribute]);
  const graph = bytes(7, [...node, ...str(2, "softmax"), ...info(11, "x"), ...info(12, "y")]);
  return Uint8Array.from([...int(1, 8), ...graph, ...bytes(8, [...str(1, ""), ...int(2, 13)])]);
}

const results = [];
const versions = {};
const z32 = logits(n, Float32Array);
const z64 = logits(n, Float64Array);
try {
  const tf = await import("@tensorflow/tfjs");
  await import("@tensorflow/tfjs-backend-wasm");
  versions["@tensorflow/tfjs"] = version("@tensorflow/tfjs");
  for (const backend of wasmOnly ? ["wasm"] : ["cpu", "wasm"]) {
    if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
    await tf.ready();
    const x = tf.tensor1d(z32);
    const run = () => {
      const y = tf.softmax(x);
      y.dataSync();
      y.dispose();
    };
    const ns = await timeIt(run, n, { repeats: backend === "cpu" ? 5 : 15, warmup: 2 });
    x.dispose();
    results.push({
      name: `@tensorflow/tfjs softmax, ${backend} backend (tensor already on the backend)`,
      dtype: "float32",
      n,
      ns_per_element: ns,
    });
  }
} catch (error) {
  console.error(`tfjs skipped: ${error.message}`);
}
try {
  if (wasmOnly) throw new Error("not asked for");
  const ort = await import("onnxruntime-node");
  versions["onnxruntime-node"] = version("onnxruntime-node");
  for (const [elem, dtype, z] of [
    [1, "float32", z32],
    [11, "float64", z64],
  ]) {
    const session = await ort.InferenceSession.create(softmaxModel(elem));
    const ns = await timeIt(() => session.run({ x: new ort.Tensor(dtype, z, [n]) }), n, {
      repeats: 15,
      warmup: 3,
    });
    results.push({ name: "onnxruntime-node Softmax", dtype, n, ns_per_element: ns });
  }
} catch (error) {
  console.error(`onnxruntime-node skipped: ${error.message}`);
}
console.log(JSON.stringify({ versions, results }));
