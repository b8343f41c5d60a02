"""Compiled Jinja templates, kept for the life of the process.

`mkdocs serve` makes new template environments (the theme's and the glossary's) on every rebuild, and compiling
some seventy templates again costs a tenth of a rebuild after a small edit. Jinja checks each template's source
against the checksum stored with its code, so an edited template is compiled again.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class ProcessBytecodeCache(BytecodeCache):
    """Jinja's compiled code of each template in memory (Jinja's own caches write files or need a server)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = ProcessBytecodeCache()
