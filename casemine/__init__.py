"""casemine: tag public-service co-production cases (French and English) with the OECD scheme.

The Python API, which the command line calls too (see the README's "Python API")::

    import casemine
    model = casemine.load_model()                   # the shipped model (a casemine.model.Model)
    frame = model.tag(["Des bénévoles …"])          # a pandas DataFrame, one row per text
    cases = casemine.read_cases("corpus/cases")     # labelled cases (casemine.corpus.Case)
    config = casemine.TrainConfig.from_toml("configs/default.toml")
    new = casemine.train(cases, config)             # a new Model, card included
    casemine.tag_file(model, "in.csv", "out.xlsx")  # a file of any size, streamed; jobs=2: 2 processes
    casemine.evaluate(new, cases)                   # per-family metrics (a dict)
    casemine.compare(model, new, cases)             # both side by side, with differences
    casemine.write_report("report.html", new, cases)
"""

__version__ = "0.1.0"

__all__ = [
    "TrainConfig",
    "__version__",
    "compare",
    "cross_validated_metrics",
    "evaluate",
    "load_model",
    "read_cases",
    "tag_file",
    "tag_table",
    "train",
    "write_report",
]

_LAZY = {
    "load_model": "casemine.model",
    "train": "casemine.model",
    "evaluate": "casemine.model",
    "compare": "casemine.model",
    "cross_validated_metrics": "casemine.model",
    "read_cases": "casemine.corpus",
    "tag_table": "casemine.spreadsheet",
    "tag_file": "casemine.streaming",
    "TrainConfig": "casemine.config",
    "write_report": "casemine.report",
}


def __getattr__(name):
    # Heavy modules (spaCy, scikit-learn, matplotlib) are imported only when the API is first used.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'casemine' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
