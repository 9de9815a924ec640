"""The case-file format as data, reading files with positions, and every check that turns a
file into findings.
"""
