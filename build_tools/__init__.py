"""Root Causes: turns the essays and curated cross-references in ``seeds/`` into
themed Markdown pages under ``docs/`` that MkDocs publishes as a site.

The whole build is :func:`build_tools.pipeline.build`; run it with
``python -m build_tools build``.
"""
