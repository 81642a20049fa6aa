#!/usr/bin/env node
/**
 * JavaScript peers for bench/harness.mjs, as a small server run from bench/ so they resolve from
 * bench/node_modules (installed by `npm run bench` with `npm --prefix bench ci`, never by the
 * main install). One JSON request per line on standard input, one JSON answer per line out:
 *
 *   {"op": "peers"}                                  -> {"peers": [...], "versions": {...}}
 *   {"op": "time", "peer": P, "n": N, "repeats": R}  -> {"ns_per_element": x}
 *
 * Peers, on bench/timing.mjs's logits (the harness's very numbers):
 *   tfjs-wasm, tfjs-cpu  @tensorflow/tfjs softmax on its wasm / cpu backend, float32; the input
 *                        tensor is already on the backend, the output is a new tensor read back
 *                        with dataSync() (tfjs has no softmax into a caller's buffer)
 *   ort-float32, ort-float64
 *                        onnxruntime-node's Softmax operator on a one-node model; it returns a
 *                        new output tensor
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { logits, timeIt } from "./timing.mjs";

const require = createRequire(import.meta.url);
const version = (name) =>
  JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;

/** A one-node ONNX model, y = Softmax(x, axis = −1) for a vector of n, encoded by hand. */
function softmaxModel(elemType, n) {
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

const versions = {};
const available = [];
let tf;
let ort;
try {
  tf = await import("@tensorflow/tfjs");
  await import("@tensorflow/tfjs-backend-wasm");
  versions["@tensorflow/tfjs"] = version("@tensorflow/tfjs");
  available.push("tfjs-wasm", "tfjs-cpu");
} catch (error) {
  console.error(`tfjs unavailable: ${error.message}`);
}
try {
  ort = await import("onnxruntime-node");
  versions["onnxruntime-node"] = version("onnxruntime-node");
  available.push("ort-float32", "ort-float64");
} catch (error) {
  console.error(`onnxruntime-node unavailable: ${error.message}`);
}

const sessions = new Map();
async function runner(peer, n) {
  if (peer === "tfjs-wasm" || peer === "tfjs-cpu") {
    const backend = peer.slice(5);
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} did not start`);
    await tf.ready();
    const x = tf.tensor1d(logits(n, Float32Array));
    return {
      run: () => {
        const y = tf.softmax(x);
        y.dataSync();
        y.dispose();
      },
      done: () => x.dispose(),
    };
  }
  if (peer === "ort-float32" || peer === "ort-float64") {
    const [elem, dtype, Type] =
      peer === "ort-float32" ? [1, "float32", Float32Array] : [11, "float64", Float64Array];
    const key = `${peer}:${n}`;
    if (!sessions.has(key))
      sessions.set(key, await ort.InferenceSession.create(softmaxModel(elem, n)));
    const session = sessions.get(key);
    const input = new ort.Tensor(dtype, logits(n, Type), [n]);
    return { run: () => session.run({ x: input }), done: () => {} };
  }
  throw new Error(`unknown or unavailable peer ${peer}`);
}

async function answer(request) {
  if (request.op === "peers") return { peers: available, versions };
  if (request.op === "time") {
    const n = Number(request.n);
    const { run, done } = await runner(request.peer, n);
    try {
      const ns = await timeIt(run, n, { repeats: Number(request.repeats ?? 9), warmup: 2 });
      return { ns_per_element: ns };
    } finally {
      done();
    }
  }
  throw new Error(`unknown op ${request.op}`);
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue;
  let out;
  try {
    out = await answer(JSON.parse(line));
  } catch (error) {
    out = { error: error.message };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
