"""The Qt-free core: protocol model, answer validation, rule evaluation and results.

Nothing in this package may import Qt (an import-linter contract and a test enforce it), so the
CLI, the benchmarks and the tests use exactly the logic the wizard shows.
"""
