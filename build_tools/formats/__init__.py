"""What the generator writes, one format to a module: Markdown text, citation data,
reference files (BibTeX, RIS, CSL-JSON), exports, the report on how a text was prepared,
the map and the feed. Formats take the model and return text or data; they never
import a stage or the site side.
"""
