"""numpy files for the CLI's .npy/.npz reader, written by numpy itself.

Usage: python3 numpy_fixtures.py OUTDIR

Prints a JSON manifest {name: values as doubles (row-major), ...} for the good files; the bad
ones are listed under "bad" with what they are. Written with np.save / np.savez /
np.savez_compressed only (and zipfile for an .npz holding a raw pickle), so the reader is
checked against the real format, not against our idea of it.
"""

import json
import os
import pickle
import sys
import zipfile

import numpy as np

out = sys.argv[1]
good = {}


def save(name, array):
    np.save(os.path.join(out, name + ".npy"), array)
    good[name] = [finite_or_text(v) for v in np.asarray(array, dtype=np.float64).ravel(order="C")]


def finite_or_text(v):
    """JSON has no infinity: ±inf are written as the strings "Infinity" and "-Infinity"."""
    v = float(v)
    return v if np.isfinite(v) else ("Infinity" if v > 0 else "-Infinity")


base = np.array([0.5, -1.25, 3.0, 1e-300, -2.5e10, 7.0])
for dtype in ["<f8", ">f8", "<f4", ">f4", "<f2", ">f2"]:
    save("float_" + dtype.replace("<", "le").replace(">", "be"), base.astype(dtype))
ints = np.array([0, 1, -2, 100, -128, 127])
for dtype in ["i1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8"]:
    save("int_" + dtype.replace("<", "le").replace(">", "be"), ints.astype(dtype))
for dtype in ["u1", "<u2", ">u4", "<u8"]:
    save("uint_" + dtype.replace("<", "le").replace(">", "be"), np.abs(ints).astype(dtype))
save("bool", np.array([True, False, True]))
save("int64_big", np.array([2**53, -(2**53), 2**40 + 1], dtype="<i8"))
save("special", np.array([np.inf, -np.inf, 0.0, -0.0]))
matrix = np.arange(12, dtype=np.float64).reshape(3, 4) / 8 - 0.5
save("matrix_c", matrix)
save("matrix_f", np.asfortranarray(matrix))
save("matrix_f_be", np.asfortranarray(matrix.astype(">f4")))
save("scalar", np.float64(2.5))
save("column", matrix[:, :1])
np.savez(os.path.join(out, "pair.npz"), logits=matrix, labels=np.array([0, 3, 1]))
np.savez_compressed(os.path.join(out, "pair_compressed.npz"), logits=matrix, labels=np.array([0, 3, 1]))
np.savez(os.path.join(out, "single.npz"), matrix)
good["pair.npz#logits"] = good["matrix_c"]
good["pair.npz#labels"] = [0.0, 3.0, 1.0]

# The bad ones.
bad = {}


class Marker:
    """Unpickling this would create a file: the test checks that it never appears."""

    def __reduce__(self):
        return (open, (os.path.join(out, "UNPICKLED"), "w"))


objects = np.empty(2, dtype=object)
objects[0] = Marker()
objects[1] = 1.0
np.save(os.path.join(out, "object.npy"), objects, allow_pickle=True)
bad["object.npy"] = "object"
np.savez(os.path.join(out, "object.npz"), logits=objects)
bad["object.npz"] = "object"
with zipfile.ZipFile(os.path.join(out, "pickle.npz"), "w") as z:
    z.writestr("logits.pkl", pickle.dumps(Marker()))
bad["pickle.npz"] = "pickle"
with open(os.path.join(out, "float_lef8.npy"), "rb") as f:
    data = f.read()
with open(os.path.join(out, "truncated.npy"), "wb") as f:
    f.write(data[:-5])
bad["truncated.npy"] = "truncated"
with open(os.path.join(out, "header_cut.npy"), "wb") as f:
    f.write(data[:40])
bad["header_cut.npy"] = "truncated"
with open(os.path.join(out, "magic.npy"), "wb") as f:
    f.write(b"\x93NUMPZ" + data[6:])
bad["magic.npy"] = "magic"
with open(os.path.join(out, "text.npy"), "w") as f:
    f.write("1, 2, 3\n")
bad["text.npy"] = "magic"
np.save(os.path.join(out, "cube.npy"), np.zeros((2, 3, 4)))
bad["cube.npy"] = "3-D"
np.save(os.path.join(out, "complex.npy"), np.array([1 + 2j]))
bad["complex.npy"] = "complex"
np.save(os.path.join(out, "strings.npy"), np.array(["a", "b"]))
bad["strings.npy"] = "text"
np.save(os.path.join(out, "records.npy"), np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]))
bad["records.npy"] = "structured"
np.save(os.path.join(out, "empty.npy"), np.zeros(0))
bad["empty.npy"] = "no numbers"

json.dump({"good": good, "bad": bad}, sys.stdout)
