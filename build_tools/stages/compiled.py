"""The templates' compiled code, kept for every environment of this process.

The environments of the editions differ only in their globals, so a template compiles to
the same code in each: :data:`CODE` keeps it by the template's name and text, and each
environment compiles all templates up front (:func:`load_all`), from it when it can, so that
the workers forked to render pages (:mod:`build_tools.parallel`) find them made rather than
each compiling them again.
"""

from __future__ import annotations

from types import CodeType

import jinja2


class Compiled(jinja2.BytecodeCache):
    """Each template's code, by its name and the checksum of its text (an edited template,
    while serving, compiles anew), in memory."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], CodeType] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        bucket.code = self.code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self.code[bucket.key, bucket.checksum] = bucket.code


CODE = Compiled()


def load_all(env: jinja2.Environment) -> None:
    """Every template of ``env`` loaded, compiled if no environment has compiled it yet."""
    for name in env.list_templates():
        env.get_template(name)
