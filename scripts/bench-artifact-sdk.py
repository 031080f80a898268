"""The Python SDK's artifact pipeline (reference section 6): pathspec gitwildmatch selection + zipfile deflate.

Usage: /usr/bin/python3 bench-artifact-sdk.py ROOT OUT.zip
"""
import os
import sys
import zipfile

import pathspec

root, out = sys.argv[1], sys.argv[2]
patterns = ["*"]
ignore = os.path.join(root, ".dockerignore")
if os.path.exists(ignore):
    with open(ignore) as f:
        for line in f.read().split("\n"):
            line = line.strip()
            if not line or line.startswith("#"):
                patterns.append(line)
            elif line.startswith("!"):
                patterns.append(line[1:])
            else:
                patterns.append("!" + line)
spec = pathspec.PathSpec.from_lines("gitwildmatch", patterns)
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
