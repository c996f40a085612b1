"""casemine: tag public-service co-production cases (French and English) with the OECD scheme.

The Python API that the command line uses too::

    import casemine
    model = casemine.load_model()                 # the shipped default model
    results = model.tag(["Des bénévoles …"])      # one TagResult per text
    casemine.tag_file(model, "in.csv", "out.xlsx")  # a file of any size, streamed; jobs=2 for 2 processes
    cases = casemine.read_cases("corpus/")        # labelled cases
    model = casemine.train(cases)                 # a new model, card included
    casemine.evaluate(model, cases)               # per-family metrics
"""

__version__ = "0.1.0"

__all__ = ["__version__", "evaluate", "load_model", "read_cases", "tag_file", "tag_table", "train"]


def __getattr__(name):
    # Heavy modules (spaCy, scikit-learn) are imported only when the API is first used.
    if name in ("load_model", "train", "evaluate"):
        from casemine import model

        return getattr(model, name)
    if name == "read_cases":
        from casemine.corpus import read_cases

        return read_cases
    if name == "tag_file":
        from casemine.streaming import tag_file

        return tag_file
    if name == "tag_table":
        from casemine.spreadsheet import tag_table

        return tag_table
    raise AttributeError(f"module 'casemine' has no attribute {name!r}")
