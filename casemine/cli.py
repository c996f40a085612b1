"""The ``casemine`` command: thin wrappers around the library, one small function per command.

Exit codes: 0 success; 1 the corpus check found problems; 2 wrong usage; 3 input or output
problem; 4 model problem; 5 a spaCy pipeline is missing; 70 unexpected failure (a bug);
130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import shlex
import signal
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from casemine import __version__

EXIT_PROBLEMS, EXIT_USAGE, EXIT_IO, EXIT_MODEL, EXIT_PIPELINE, EXIT_BUG, EXIT_INTERRUPTED = 1, 2, 3, 4, 5, 70, 130


def _say(message: str, quiet: bool = False) -> None:
    if not quiet:
        print(message, file=sys.stderr)


def _progress_bar(total: int, quiet: bool):
    """A progress bar with cases per second on a terminal; None when quiet or when stderr is a file or pipe
    (a bar's redraws would only litter a log; the summary line is printed either way)."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=" cases", desc="tagging", file=sys.stderr, dynamic_ncols=True)


def cmd_tag(args: argparse.Namespace) -> int:
    from casemine.model import load_model
    from casemine.spreadsheet import check_output
    from casemine.streaming import tag_file
    from casemine.tables import open_table

    start = time.perf_counter()
    output = check_output(args.output, [args.input], overwrite=args.overwrite)
    source = open_table(args.input, sheet=args.sheet)
    model = load_model(args.model)
    about = {
        "version": __version__,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "input": str(args.input),
        "id_column": args.id_col,
        "command": args.command_line,
        "card": model.card,
    }
    bars = []

    def progress(total: int):
        bar = _progress_bar(total, args.quiet)
        if bar is None:
            return None
        bars.append(bar)
        return bar.update

    try:
        summary = tag_file(
            model,
            source,
            output,
            text_columns=args.text_col,
            id_column=args.id_col,
            label_form="ids" if args.label_ids else args.label_lang,
            about=about,
            jobs=args.jobs,
            backend=args.backend,
            scheduler=args.scheduler,
            progress=progress,
        )
    finally:
        for bar in bars:
            bar.close()
    unreadable = f" ({summary.unreadable} unreadable files)" if summary.unreadable else ""
    _say(
        f"tagged {summary.cases} cases{unreadable} from {summary.source} (text: {', '.join(summary.text_columns)}) "
        f"with model {model.name}: {summary.need_review} need review; {time.perf_counter() - start:.1f} s → {output}",
        args.quiet,
    )
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from casemine.config import TrainConfig
    from casemine.corpus import read_cases
    from casemine.evaluation import format_report, headline
    from casemine.model import cross_validated_metrics, train

    config = TrainConfig.from_toml(args.config) if args.config else TrainConfig()
    config = config.with_overrides(corpus=args.corpus or None, cv_folds=args.cv_folds, seed=args.seed, name=args.name)
    if not config.corpus:
        raise ValueError("no corpus: give CORPUS paths or a --config file with corpus = [...]")
    if args.cv and args.output:
        raise ValueError("--cv writes no model: drop -o MODEL_DIR, or drop --cv to train and save one")
    if args.cv:
        cases = read_cases(*config.corpus)
        report = cross_validated_metrics(cases, config, jobs=args.jobs)
        print(f"cross-validated ({config.cv_folds} folds, seed {config.seed}) on {len(cases)} cases")
        print(format_report(report))
        return 0
    if not args.output:
        raise ValueError("-o MODEL_DIR is required (or use --cv to cross-validate without writing a model)")
    output = Path(args.output)
    if output.exists() and any(output.iterdir()) and not args.overwrite:
        raise FileExistsError(f"{output} already exists; use --overwrite to replace it")
    cases = read_cases(*config.corpus)
    model = train(cases, config.with_overrides(name=config.name or output.name), jobs=args.jobs)
    model.save(output)
    _say(f"trained on {len(cases)} cases; cross-validated {headline(model.card['cv']['metrics'])}; saved to {output}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from casemine.corpus import read_cases
    from casemine.evaluation import format_report
    from casemine.model import evaluate, load_model
    from casemine.report import check_report_path, write_report

    if args.report:
        check_report_path(args.report, args.overwrite)  # refuse before the slow part
    model = load_model(args.model)
    cases = read_cases(*args.corpus)
    if args.report:
        report = write_report(args.report, model, cases, overwrite=args.overwrite).metrics
        _say(f"report written to {args.report}")
    else:
        report = evaluate(model, cases)
    if args.json:
        print(json.dumps({"model": model.name, "cases": len(cases), "metrics": report}, indent=2))
    else:
        print(f"model {model.name} on {len(cases)} cases")
        print(format_report(report))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from casemine.corpus import read_cases
    from casemine.evaluation import format_comparison
    from casemine.model import compare, load_model

    model_a, model_b = load_model(args.model_a), load_model(args.model_b)
    cases = read_cases(*args.corpus)
    comparison = compare(model_a, model_b, cases)
    if args.json:
        print(json.dumps(comparison, indent=2))
    else:
        print(format_comparison(comparison), end="")
    return 0


def cmd_corpus_check(args: argparse.Namespace) -> int:
    from casemine.corpus import check_cases

    cases, problems = check_cases(args.paths)
    for problem in problems:
        print(problem)
    print(f"{len(cases)} valid cases, {len(problems)} problem(s)", file=sys.stderr)
    return EXIT_PROBLEMS if problems else 0


def cmd_corpus_stats(args: argparse.Namespace) -> int:
    from casemine.corpus import CorpusError, check_cases, corpus_stats

    cases, problems = check_cases(args.paths)
    if problems:
        raise CorpusError(problems)
    stats = corpus_stats(cases)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    langs = sorted(stats["languages"])
    print(f"{stats['cases']} cases: " + ", ".join(f"{lang} {stats['languages'][lang]}" for lang in langs))
    for family, table in stats["families"].items():
        print(f"\n{family:<32}{'total':>7}" + "".join(f"{lang:>7}" for lang in langs))
        for label, counts in table.items():
            print(f"  {label:<30}{counts['total']:>7}" + "".join(f"{counts[lang]:>7}" for lang in langs))
    rationales = stats["rationales"]
    given = ", ".join(
        f"{family} {counts['without_sentence']} of {counts['labels']}"
        for family, counts in rationales.items()
        if family != "cases"
    )
    print(f"\nrationales: {rationales['cases']} of {stats['cases']} cases; labels no sentence supports: {given}")
    return 0


def cmd_corpus_import(args: argparse.Namespace) -> int:
    from casemine.corrections import import_reviewed

    report = import_reviewed(args.workbook, args.into, dry_run=args.dry_run)
    for line in report.lines():
        _say(line)
    return 0


def cmd_corpus_agreement(args: argparse.Namespace) -> int:
    from casemine.corpus import read_cases
    from casemine.evaluation import labeller_agreement

    first = {c.id: c.labels for c in read_cases(*args.paths)}
    second = {}
    for lineno, line in enumerate(Path(args.second).read_text("utf-8").splitlines(), start=1):
        if line.strip():
            record = json.loads(line)
            if record.get("id") not in first:
                raise ValueError(f"{args.second}:{lineno}: case {record.get('id')!r} is not in the corpus")
            second[record["id"]] = record["labels"]
    ids = sorted(second)
    report = labeller_agreement([first[i] for i in ids], [second[i] for i in ids])
    if args.json:
        print(json.dumps({"cases": len(ids), "families": report}, indent=2))
        return 0
    print(f"agreement between first and second labels on {len(ids)} cases")
    for family, r in report.items():
        if "kappa" in r:
            print(f"{family:<10} n={r['n']:<4} Cohen's kappa {r['kappa']:.3f}   raw agreement {r['agreement']:.3f}")
        else:
            print(
                f"{family:<10} n={r['n']:<4} micro-F1 {r['micro_f1']:.3f}   mean per-label kappa {r['mean_label_kappa']:.3f}"
            )
            for label, m in r["labels"].items():
                print(
                    f"    {label:<30} kappa {m['kappa']:>6.3f}  agreement {m['agreement']:.3f}  "
                    f"first {m['first']:>3}  second {m['second']:>3}"
                )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casemine",
        description="Tag public-service co-production cases (French and English) with the OECD scheme: "
        "scope, type, sector, drivers and barriers.",
        epilog="Exit codes: 0 success, 1 corpus problems found, 2 wrong usage, 3 input/output problem, "
        "4 model problem, 5 spaCy pipeline missing, 70 unexpected failure, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"casemine {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback when something fails")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    tag = commands.add_parser(
        "tag",
        help="tag the cases of a spreadsheet or a folder of documents and write a labelled copy",
        description="Tag every row of INPUT and write OUTPUT: all input rows and "
        "columns unchanged, in order, then the tool's columns. A folder gives one row per file "
        "(columns file and text).",
    )
    tag.add_argument(
        "input",
        metavar="INPUT",
        help="submissions as .xlsx, .csv or .jsonl, or a folder of .txt, .docx and .pdf files (one case per file)",
    )
    tag.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="labelled output; format by extension: .xlsx, .csv or .jsonl",
    )
    tag.add_argument(
        "--text-col",
        action="append",
        metavar="COL",
        help="column holding the case text; repeat to combine several (headings kept). "
        "Default: the column that clearly holds the description",
    )
    tag.add_argument("--id-col", metavar="COL", help="column holding case ids; repeated ids are flagged for review")
    tag.add_argument("--model", metavar="DIR", help="model bundle to use (default: the shipped model)")
    tag.add_argument("--sheet", metavar="NAME", help="sheet of an .xlsx input (default: the first with data)")
    tag.add_argument(
        "--label-lang",
        choices=("en", "fr"),
        default="en",
        help="write label names in English (default) or French",
    )
    tag.add_argument(
        "--label-ids",
        action="store_true",
        help="write the scheme's label ids instead of names (.jsonl 'labels' always hold ids)",
    )
    tag.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    tag.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="tag in N worker processes (default 1); each loads the model and spaCy pipelines once",
    )
    tag.add_argument(
        "--backend",
        choices=("local", "dask"),
        default="local",
        help="where to tag: this machine (default), or an existing Dask cluster (needs --scheduler and "
        "the extra casemine[distributed]; the cluster's workers decide the parallelism)",
    )
    tag.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler's address, e.g. tcp://10.0.0.5:8786")
    tag.add_argument("--quiet", action="store_true", help="print nothing but errors (no progress bar, no summary line)")
    tag.set_defaults(func=cmd_tag)

    train = commands.add_parser(
        "train",
        help="train a model from labelled cases",
        description="Train a model from labelled cases (exchange-format .jsonl "
        "files or folders) and save it as a bundle with its card. Settings may come from a TOML "
        "config (see configs/default.toml); options given here override the file's.",
    )
    train.add_argument(
        "corpus", nargs="*", metavar="CORPUS", help="labelled .jsonl files or folders (default: the config's corpus)"
    )
    train.add_argument("-o", "--output", metavar="MODEL_DIR", help="folder to write the model into (not with --cv)")
    train.add_argument("--config", metavar="FILE", help="TOML training config: corpus, settings, folds, seed")
    train.add_argument("--cv", action="store_true", help="only print cross-validated metrics; write no model")
    train.add_argument("--name", help="model name recorded in the card (default: the config's, else the folder name)")
    train.add_argument(
        "--cv-folds",
        type=int,
        default=None,
        metavar="N",
        help="cross-validation folds for the card's metrics (default: the config's, else 5; 0 or 1 to skip)",
    )
    train.add_argument("--seed", type=int, default=None, help="random seed (default: the config's, else 0)")
    train.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="fit the model and the cross-validation folds N at a time, in worker processes (default 1; "
        "the results are the same)",
    )
    train.add_argument("--overwrite", action="store_true", help="replace MODEL_DIR if it exists")
    train.set_defaults(func=cmd_train)

    evaluate = commands.add_parser(
        "evaluate",
        help="score a model on labelled cases",
        description="Per-family and per-label metrics of a model on labelled cases, optionally as an HTML report.",
    )
    evaluate.add_argument("corpus", nargs="+", metavar="CORPUS", help="labelled .jsonl files or folders")
    evaluate.add_argument("--model", metavar="DIR", help="model bundle (default: the shipped model)")
    evaluate.add_argument("--json", action="store_true", help="print machine-readable JSON")
    evaluate.add_argument(
        "--report",
        metavar="FILE.html",
        help="also write a self-contained HTML report: metrics, confusion matrices, F1 bars, calibration, worst errors",
    )
    evaluate.add_argument("--overwrite", action="store_true", help="replace the report if it exists")
    evaluate.set_defaults(func=cmd_evaluate)

    compare = commands.add_parser(
        "compare",
        help="compare two models on labelled cases",
        description="Both models' metrics on the same cases side by side, with the differences (B − A), "
        "per family and per label.",
    )
    compare.add_argument("model_a", metavar="MODEL_A", help="first model bundle")
    compare.add_argument("model_b", metavar="MODEL_B", help="second model bundle")
    compare.add_argument("corpus", nargs="+", metavar="CORPUS", help="labelled .jsonl files or folders")
    compare.add_argument("--json", action="store_true", help="print machine-readable JSON")
    compare.set_defaults(func=cmd_compare)

    corpus = commands.add_parser(
        "corpus",
        help="check, count or add to labelled cases",
        description="Work with labelled cases in the exchange format.",
    )
    corpus_commands = corpus.add_subparsers(dest="corpus_command", required=True, metavar="ACTION")
    check = corpus_commands.add_parser(
        "check",
        help="report every problem, with file, line and id",
        description="Check labelled cases; exits 1 if any problem is found.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help=".jsonl files or folders")
    check.set_defaults(func=cmd_corpus_check)
    stats = corpus_commands.add_parser(
        "stats",
        help="count cases per label and language",
        description="Counts per label of every family, overall and per language.",
    )
    stats.add_argument("paths", nargs="+", metavar="PATH", help=".jsonl files or folders")
    stats.add_argument("--json", action="store_true", help="print machine-readable JSON")
    stats.set_defaults(func=cmd_corpus_stats)
    review = corpus_commands.add_parser(
        "import",
        help="add the cases reviewed in a tagged workbook to the corpus",
        description="Read the reviewer columns of a workbook written by `casemine tag` and add the reviewed "
        "rows to the corpus as a new file CORPUS_DIR/reviewed/<workbook>-<date>.jsonl. A row counts when "
        "reviewer_reviewed is yes, or when a reviewer label cell is filled and reviewer_reviewed is not no; "
        "an empty reviewer cell keeps the tool's label. Labels may be ids or English or French names "
        "(several separated by ';'; 'none' or 'aucun' for no label). Any bad label refuses the whole import; "
        "texts already in the corpus are skipped. Then retrain: casemine train CORPUS... -o MODEL_DIR.",
    )
    review.add_argument("workbook", metavar="REVIEWED.xlsx", help="the tagged workbook, with reviewer columns filled")
    review.add_argument("--into", required=True, metavar="CORPUS_DIR", help="the corpus folder, e.g. corpus/")
    review.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    review.set_defaults(func=cmd_corpus_import)
    agreement = corpus_commands.add_parser(
        "agreement",
        help="agreement between the corpus labels and an independent second labelling",
        description="Cohen's kappa for single-label families; micro-F1 and per-label kappa for multi-label ones.",
    )
    agreement.add_argument("paths", nargs="+", metavar="PATH", help="the corpus .jsonl files or folders (first labels)")
    agreement.add_argument(
        "--second", required=True, metavar="FILE", help='second labels: .jsonl lines of {"id": …, "labels": {…}}'
    )
    agreement.add_argument("--json", action="store_true", help="print machine-readable JSON")
    agreement.set_defaults(func=cmd_corpus_agreement)
    return parser


def main(argv: list[str] | None = None) -> int:
    from casemine.corpus import CorpusError
    from casemine.model import ModelError
    from casemine.nlp import PipelineMissing
    from casemine.spreadsheet import OutputError
    from casemine.streaming import BackendError
    from casemine.tables import InputError

    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    args.command_line = shlex.join(["casemine", *argv])
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        _say("casemine: interrupted; no output was written")
        return EXIT_INTERRUPTED
    except Exception as exc:
        if args.debug:
            raise
        codes = [
            (PipelineMissing, EXIT_PIPELINE),
            (ModelError, EXIT_MODEL),
            (CorpusError, EXIT_IO),
            ((InputError, OutputError, BackendError, OSError, ValueError), EXIT_IO),
        ]
        for kinds, code in codes:
            if isinstance(exc, kinds):
                _say(f"casemine: error: {exc}")
                return code
        _say(f"casemine: error: unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
        return EXIT_BUG
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt  # a kill is handled like Ctrl-C: any output in progress is removed, none half-written


if __name__ == "__main__":
    sys.exit(main())
