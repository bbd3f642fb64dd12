#!/usr/bin/env python3
"""Converts texts with the reference: OpenCC 1.4.2's C++ library through its Python binding.

Reads JSON {"configs": [...], "texts": [...]} on stdin; writes JSON {"version": V,
"outputs": {config: [converted text, ...]}} on stdout, each text converted on its own.
Used by tests/opencc_reference.rs (pip install opencc==1.4.2).
"""
import json
import sys

import opencc

request = json.load(sys.stdin)
outputs = {}
for config in request["configs"]:
    converter = opencc.OpenCC(config)
    outputs[config] = [converter.convert(t) for t in request["texts"]]
json.dump({"version": opencc.__version__, "outputs": outputs}, sys.stdout, ensure_ascii=False)
