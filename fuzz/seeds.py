#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into OUT/{check,server,lowering} from the test data.

check:    every .py under tests/fixtures, tests/corpus and tests/codegen, with the 4 bytes that
          choose CheckFuzzer's edit appended (the same bytes for the same file, every time).
lowering: the .py files under tests/codegen and tests/corpus, as they are.
server:   each tests/lsp/*.input transcript as a Content-Length stream; each corpus file sent as
          a full-text didChange of the open document followed by requests; and seeded sessions
          of random edits and requests.
"""
import hashlib
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DOCUMENT = "file:///fuzz/doc.py"  # the document ServerFuzzer.cpp opens


def python_files(*folders):
    return sorted(p for folder in folders for p in (TESTS / folder).glob("*.py"))


def frame(message):
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def transcript_messages(path):
    """The message bodies of a delimited transcript (`---` separated, `#` comment lines)."""
    bodies, lines = [], []
    for line in path.read_bytes().split(b"\n"):
        if line.rstrip(b"\r") == b"---":
            bodies.append(b"\n".join(lines))
            lines = []
        elif not line.startswith(b"#"):
            lines.append(line)
    bodies.append(b"\n".join(lines))
    return [body for body in bodies if body.strip()]


def request(rng, method, ident):
    position = {"line": rng.randrange(40), "character": rng.randrange(60)}
    return {"jsonrpc": "2.0", "id": ident, "method": method,
            "params": {"textDocument": {"uri": DOCUMENT}, "position": position,
                       "range": {"start": position, "end": position}}}


METHODS = ["textDocument/hover", "textDocument/definition", "textDocument/references",
           "textDocument/completion", "textDocument/signatureHelp", "textDocument/codeAction",
           "textDocument/documentSymbol", "textDocument/diagnostic"]
TEXTS = ["", "x", "(", ")", ":", "\n", "    ", "T.", "cls.", "A[vi]", "Module.", "é", "\"", "# "]


def main():
    out = pathlib.Path(sys.argv[1])
    for name in ("check", "server", "lowering"):
        (out / name).mkdir(parents=True, exist_ok=True)

    for path in python_files("fixtures", "corpus", "codegen"):
        control = hashlib.sha1(path.name.encode()).digest()[:4]
        (out / "check" / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes() + control)
    for path in python_files("codegen", "corpus"):
        (out / "lowering" / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())

    for path in sorted((TESTS / "lsp").glob("*.input")):
        stream = b"".join(frame(body) for body in transcript_messages(path))
        (out / "server" / f"lsp-{path.stem}").write_bytes(stream)
    rng = random.Random(1)
    for path in python_files("corpus")[::4]:
        messages = [{"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": DOCUMENT, "version": 2},
                                "contentChanges": [{"text": path.read_text()}]}}]
        messages += [request(rng, method, i) for i, method in enumerate(METHODS)]
        (out / "server" / f"corpus-{path.stem}").write_bytes(b"".join(frame(m) for m in messages))
    for session in range(8):
        messages = []
        for step in range(30):
            if rng.random() < 0.6:
                # Mostly ranges that fit (one that does not drops the document until reopened).
                ends = sorted((rng.randrange(38), rng.randrange(60)) for _ in range(2))
                if rng.random() < 0.5:
                    ends[1] = ends[0]
                start, end = ({"line": line, "character": character} for line, character in ends)
                messages.append({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                 "params": {"textDocument": {"uri": DOCUMENT, "version": step + 2},
                                            "contentChanges": [{"range": {"start": start, "end": end},
                                                                "text": rng.choice(TEXTS)}]}})
            else:
                messages.append(request(rng, rng.choice(METHODS), step))
        (out / "server" / f"session-{session}").write_bytes(b"".join(frame(m) for m in messages))


if __name__ == "__main__":
    main()
