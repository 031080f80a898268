"""The Python SDK's artifact pipeline (pathspec gitwildmatch selection + zipfile deflate), as the reference the
tests compare file lists with and the benchmark times.

  python3 python_sdk.py select < cases.json   -> [{"files": [...]} | {"error": "..."}] for [{"root", "ignoreFiles"}]
  python3 python_sdk.py zip ROOT OUT.zip       -> zips ROOT as the SDK would (with ROOT/.dockerignore if present)
"""
import json
import os
import sys
import zipfile

import pathspec


def sdk_spec(root, ignore_files):
    """The SDK's PathSpec: `*`, then every ignore line inverted; the last matching line decides."""
    patterns = ["*"]
    for name in ignore_files:
        with open(os.path.join(root, name), encoding="utf-8", newline=None) as f:
            for line in f.read().split("\n"):
                line = line.strip()
                if not line or line.startswith("#"):
                    patterns.append(line)
                elif line.startswith("!"):
                    patterns.append(line[1:])
                else:
                    patterns.append("!" + line)
    return pathspec.PathSpec.from_lines("gitwildmatch", patterns)


def select(cases):
    out = []
    for case in cases:
        try:
            spec = sdk_spec(case["root"], case["ignoreFiles"])
            files = sorted(f.replace(os.sep, "/") for f in spec.match_tree(case["root"], follow_links=True))
            out.append({"files": files})
        except Exception as e:
            out.append({"error": type(e).__name__ + ": " + str(e)})
    return out


def zip_tree(root, out):
    ignore = [".dockerignore"] if os.path.exists(os.path.join(root, ".dockerignore")) else []
    spec = sdk_spec(root, ignore)
    dirs = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in spec.match_tree(root, follow_links=True):
            zf.write(os.path.join(root, rel), rel)
            parent = os.path.dirname(rel)
            while parent:
                dirs.add(parent)
                parent = os.path.dirname(parent)
        for d in dirs:
            zf.write(os.path.join(root, d), d + "/")


if __name__ == "__main__":
    if sys.argv[1] == "select":
        json.dump(select(json.load(sys.stdin)), sys.stdout)
    else:
        zip_tree(sys.argv[2], sys.argv[3])
