"""The generator's stages, in order: load → validate → clean → anchor → render → write.

Each is a function from data to data (only ``load`` reads files, only ``write`` writes
them). Stages use the model, the shared helpers and the output formats; they never
import the site side (:mod:`build_tools.site`).
"""
