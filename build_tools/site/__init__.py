"""The site side: from generated Markdown to the published site. The engine adapters
(MkDocs' hooks and parallel build, Zensical), the Markdown extension the engine runs,
the publishing stage after any engine, and the server of ``make serve``. It never
imports a stage: what the engine needs from the generator comes as files.
"""
