"""How much of each derived document is its own: YAML lines written for it, paragraphs it shares with its parent.

    python -m bench.derived DATA_DIR OUTPUT_DIR [CAMPAIGN …]

For every document with a parent (output/<campaign>/manifest.json), prints:

- the YAML lines the clerk wrote for it: the lines of its entry in the campaign file (not
  blank, not comments), its ``rieng`` part counted for its own body only, the rest shared
  by the documents of the same fan-out; plus the lines of the shared blocks it uses, shared
  by the documents that use them;
- the share of its body paragraphs (after the title, before "Nơi nhận", the citation left
  out) that are word for word in its parent's body.

It reads only the YAML text and the built DOCX, so it measures any version of the project
(the closing note of issue 12 compares the build before it with the build after).
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_paragraphs(docx: Path) -> list[str]:
    """Return the body paragraphs of a built DOCX: between the header table and the footer table, the
    title (tên loại, trích yếu), "Kính gửi" and the citation of the parent left out."""
    from lxml import etree

    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    tables, out = 0, []
    for child in root.find(f"{W}body"):
        if child.tag == f"{W}tbl":
            tables += 1
            if tables == 2:
                break
        elif child.tag == f"{W}p" and tables == 1:
            text = "".join(t.text or "" for t in child.iter(f"{W}t")).strip()
            if text:
                out.append(text)
    if out and out[0].isupper():  # a tên loại, then its trích yếu
        out = out[2:]
    while out and (out[0].startswith("Kính gửi") or (out[0].startswith("- ") and out[0].endswith((";", ".")))):
        out.pop(0)
    if out and re.match(r"^(Thực hiện|Căn cứ) ", out[0]):
        out.pop(0)
    return out


def entries(campaign_yaml: str) -> dict[str, list[str]]:
    """Return the lines of each document entry (``- ma: <id>`` under van_ban), comments and blanks left out."""
    lines = campaign_yaml.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("van_ban:"))
    out: dict[str, list[str]] = {}
    current = None
    for line in lines[start + 1:]:
        match = re.match(r"^  - ma: (\S+)", line)
        if match:
            current = match.group(1)
            out[current] = []
        if current and line.strip() and not line.strip().startswith("#"):
            out[current].append(line)
    return out


def written_lines(entry: list[str], body: str | None) -> tuple[float, float]:
    """Return (lines shared by every document of the entry, lines of ``body``'s own ``rieng`` part)."""
    shared, own, in_rieng, in_body = 0, 0, False, False
    for line in entry:
        indent = len(line) - len(line.lstrip())
        if re.match(r"^    rieng:", line):
            in_rieng = True
            continue
        if in_rieng and indent <= 4:
            in_rieng = False
        if in_rieng:
            if indent == 6:
                in_body = line.strip().rstrip(":") == body
            if in_body:
                own += 1
            continue
        shared += 1
    return shared, own


def block_lines(data_dir: Path, campaign_yaml: str) -> dict[str, int]:
    """Return the lines of each shared block (campaign's and library's), by id."""
    out: dict[str, int] = {}
    texts = [campaign_yaml] + [p.read_text(encoding="utf-8") for p in sorted(data_dir.glob("khoi-chung/*.yaml"))]
    for text in texts:
        current = None
        inside = False
        for line in text.splitlines():
            if re.match(r"^khoi_chung:", line):
                inside = True
                continue
            if inside and re.match(r"^\S", line):
                inside = False
            if not inside:
                continue
            match = re.match(r"^  - ma: (\S+)", line)
            if match:
                current = match.group(1)
                out[current] = 0
            if current and line.strip() and not line.strip().startswith("#"):
                out[current] += 1
    return out


def report(data_dir: Path, output_dir: Path, campaigns: list[str]) -> list[dict]:
    rows = []
    for manifest_path in sorted(output_dir.glob("*/manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        campaign = manifest_path.parent.name
        if campaigns and campaign not in campaigns:
            continue
        source = next(p for p in (data_dir / "chien-dich").glob("*.yaml")
                      if re.search(rf"^ma: {re.escape(campaign)}\s*$", p.read_text(encoding="utf-8"), re.M))
        text = source.read_text(encoding="utf-8")
        specs = entries(text)
        blocks = block_lines(data_dir, text)
        docs = {d["id"]: d for d in manifest["documents"]}
        fan_out = defaultdict(int)
        for doc_id in docs:
            fan_out[doc_id.split("--")[0]] += 1
        users: dict[str, int] = defaultdict(int)
        uses: dict[str, list[str]] = {}
        for doc_id in docs:
            spec = doc_id.split("--")[0]
            # a fan-out inherits the blocks its ancestors' entries use
            chain, current = [], doc_id
            while current:
                chain.append(current.split("--")[0])
                current = docs[current]["parent"] if current in docs else None
            used = sorted({b for s in chain for line in specs.get(s, []) for b in re.findall(r"dung: (\S+)", line)})
            uses[doc_id] = used
            for b in used:
                users[b] += 1
        paragraphs = {d: body_paragraphs(output_dir / campaign / docs[d]["file"]) for d in docs}
        for doc_id, entry in docs.items():
            if not entry["parent"]:
                continue
            spec = doc_id.split("--")[0]
            body = doc_id.split("--")[1] if "--" in doc_id else None
            shared, own = written_lines(specs.get(spec, []), body)
            lines = shared / fan_out[spec] + own + sum(blocks.get(b, 0) / users[b] for b in uses[doc_id])
            mine, theirs = paragraphs[doc_id], set(paragraphs[entry["parent"]])
            same = sum(1 for p in mine if p in theirs)
            rows.append({"campaign": campaign, "id": doc_id, "parent": entry["parent"], "lines": lines,
                         "paragraphs": len(mine), "identical": same})
    return rows


def main(argv: list[str]) -> None:
    data_dir, output_dir, *campaigns = (Path(a) if i < 2 else a for i, a in enumerate(argv))
    rows = report(data_dir, output_dir, campaigns)
    print("| campaign | document | YAML lines written for it | body paragraphs identical to the parent's |")
    print("|---|---|---:|---:|")
    for r in rows:
        share = r["identical"] / r["paragraphs"] if r["paragraphs"] else 0
        print(f"| {r['campaign']} | {r['id']} | {r['lines']:.1f} | {r['identical']}/{r['paragraphs']} "
              f"({share:.0%}) |")
    total_same = sum(r["identical"] for r in rows)
    total = sum(r["paragraphs"] for r in rows)
    print(f"\n{len(rows)} derived documents; {sum(r['lines'] for r in rows) / max(len(rows), 1):.1f} YAML lines "
          f"each on average; {total_same}/{total} body paragraphs ({total_same / max(total, 1):.0%}) identical "
          "to the parent's.")


if __name__ == "__main__":
    main(sys.argv[1:])
