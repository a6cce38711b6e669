#!/usr/bin/python3
"""validate-json.py SCHEMA_DIR FILE...: each FILE holds one JSON document
of headroom's (or a document per line); its "kind" names the schema,
SCHEMA_DIR/KIND.schema.json (JSON Schema 2020-12), it is validated against.
Prints one line per error and exits 1 on any; 0 when all are valid."""
import json
import sys

import jsonschema


def documents(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        pass
    # JSON lines: one document a line
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def main():
    schema_dir, paths = sys.argv[1], sys.argv[2:]
    bad = 0
    cache = {}
    for path in paths:
        try:
            docs = documents(path)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}")
            bad += 1
            continue
        for doc in docs:
            kind = doc.get("kind") if isinstance(doc, dict) else None
            if not isinstance(kind, str):
                print(f"{path}: no \"kind\" naming its schema")
                bad += 1
                continue
            if kind not in cache:
                try:
                    with open(f"{schema_dir}/{kind}.schema.json", encoding="utf-8") as f:
                        schema = json.load(f)
                except OSError as e:
                    print(f"{path}: kind {kind}: no schema: {e}")
                    bad += 1
                    continue
                jsonschema.Draft202012Validator.check_schema(schema)
                cache[kind] = jsonschema.Draft202012Validator(schema)
            for err in cache[kind].iter_errors(doc):
                where = "/".join(str(p) for p in err.absolute_path) or "(top)"
                print(f"{path}: {kind}: at {where}: {err.message[:300]}")
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
