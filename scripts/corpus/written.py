#!/usr/bin/env python3
"""Bring the fourth round's hand-written material into the corpus (issue 12, fourth round).

Three writers who never saw the code or the corpus wrote these lines by hand, without templates
(see corpus/README.md, "Fourth round"). This script only fixes their split and applies the label
corrections found by spot-checking; it writes nothing else.

    python3 scripts/corpus/written.py /path/to/newdata

reads signals-homedental.jsonl, signals-insurance.jsonl and outbound-written.jsonl from that
directory and writes corpus/signals/written.jsonl and corpus/outbound/written.jsonl; given the
sixth round's directory (signals-a … signals-d.jsonl, outbound-e.jsonl) it writes
corpus/signals/written2.jsonl and corpus/outbound/written2.jsonl. The split is
`heldout` when sha256(id) mod 10 < 3 (about 30%), fixed before any code was changed.
"""
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Label corrections found by spot-checking (id -> labels); see corpus/README.md.
CORRECTIONS: dict[str, list[str]] = {}


def split_of(ident: str) -> str:
    h = int.from_bytes(hashlib.sha256(ident.encode()).digest(), "big")
    return "heldout" if h % 10 < 3 else "train"


def convert(paths, out):
    lines = []
    for p in paths:
        for raw in p.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            m = json.loads(raw)
            m["split"] = split_of(m["id"])
            if m["id"] in CORRECTIONS:
                m["labels"] = CORRECTIONS[m["id"]]
            lines.append(m)
    out.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in lines), encoding="utf-8")
    held = sum(m["split"] == "heldout" for m in lines)
    print(f"{out.relative_to(ROOT)}: {len(lines)} lines, {held} held out")


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/newdata")
    if (src / "signals-a.jsonl").exists():
        # Sixth round: four more message writers and one more outbound writer.
        convert(
            [src / f"signals-{w}.jsonl" for w in "abcd"],
            ROOT / "corpus/signals/written2.jsonl",
        )
        convert([src / "outbound-e.jsonl"], ROOT / "corpus/outbound/written2.jsonl")
        return
    convert(
        [src / "signals-homedental.jsonl", src / "signals-insurance.jsonl"],
        ROOT / "corpus/signals/written.jsonl",
    )
    convert([src / "outbound-written.jsonl"], ROOT / "corpus/outbound/written.jsonl")


if __name__ == "__main__":
    main()
