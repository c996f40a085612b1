"""Throughput, memory and start-up of casemine against the spaCy ceiling (issue 8).

    python bench/throughput.py [--cases 2000] [--large 10000] [--skip-train] [--skip-large]

Builds a realistic batch from the corpus (both languages, repeated until ``--cases``; the parse
cache is never used when tagging, so repeats cost the same as new texts) and prints:

- raw spaCy ``nlp.pipe`` over the same texts with the same pipelines in a fresh process (the
  ceiling), the same split over two processes started together (the ceiling for ``--jobs 2`` on this
  machine), and ``casemine tag`` end to end, single process and with ``--jobs 2``, in a fresh process
  each: the four in turn, ``--rounds`` times, with each ratio taken within a round (this machine's
  speed drifts by 10-20% between minutes, enough to decide a ratio measured minutes apart);
- its stages separately, in process: reading, language detection, spaCy + analysis, features,
  classification, evidence, writing;
- peak memory of tagging ``--large`` cases to .jsonl, .csv and .xlsx;
- training on the full corpus with the parse cache cold and warm;
- the command's cold start on a one-case file.

Every figure is a single run on whatever machine this is; the command prints it with the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.corpus import read_cases  # noqa: E402


def batch(n: int, min_words: int = 150) -> list[dict]:
    """``n`` cases of about 300 words, alternately French and English, repeated as needed.

    Corpus cases average 170 words, so consecutive cases of one language are joined until a text
    has ``min_words``, which gives about 300 words a text (297 for 2,000 cases).
    """
    cases = read_cases(ROOT / "corpus" / "cases")
    texts: dict[str, list[str]] = {"fr": [], "en": []}
    for lang, pool in texts.items():
        current: list[str] = []
        for case in (c for c in cases if c.lang == lang):
            current.append(case.text)
            if sum(len(t.split()) for t in current) >= min_words:
                pool.append("\n\n".join(current))
                current = []
    rows = []
    while len(rows) < n:
        lang = ("fr", "en")[len(rows) % 2]
        pool = texts[lang]
        rows.append({"id": f"{lang}-{len(rows)}", "text": pool[(len(rows) // 2) % len(pool)]})
    return rows


def write_input(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of ``command`` in a fresh process."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
        "sys.stderr.write(done.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def casemine(*args: str) -> list[str]:
    return [sys.executable, "-m", "casemine.cli", *args]


RAW_WORKER = """
import json, sys
sys.path.insert(0, sys.argv[2])
from casemine.nlp import BATCH_SIZE, load_pipeline
part = json.load(open(sys.argv[1], encoding="utf-8"))
for lang in ("fr", "en"):
    load_pipeline(lang)
print("ready", flush=True)
sys.stdin.readline()
for lang in ("fr", "en"):
    for _ in load_pipeline(lang).pipe((t for t, code in part if code == lang), batch_size=BATCH_SIZE):
        pass
"""


def raw_spacy(texts: list[str], langs: list[str], folder: Path, processes: int = 1) -> float:
    """Wall seconds for ``nlp.pipe`` over the texts, each with its language's pipeline as casemine loads
    it, split over ``processes`` fresh processes started together (each language shared out evenly).

    Each process loads its pipelines first and starts on a signal, so start-up is not counted; one
    process is the ceiling of ``casemine tag``, two the ceiling of ``--jobs 2`` on this machine.
    """
    parts: list[list[tuple[str, str]]] = [[] for _ in range(processes)]
    for lang in ("fr", "en"):
        for i, pair in enumerate((t, c) for t, c in zip(texts, langs, strict=True) if c == lang):
            parts[i % processes].append(pair)
    workers = []
    for i, part in enumerate(parts):
        path = folder / f"part{i}.json"
        path.write_text(json.dumps(part), encoding="utf-8")
        command = [sys.executable, "-c", RAW_WORKER, str(path), str(ROOT)]
        workers.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        if worker.wait() != 0:
            raise RuntimeError("a raw spaCy process failed")
    return time.perf_counter() - start


COMPARED = (
    "raw spaCy nlp.pipe (ceiling)",
    "raw spaCy, two processes on halves",
    "casemine tag end to end, --jobs 1",
    "casemine tag end to end, --jobs 2",
)


def stages(path: Path, out: Path) -> dict[str, float]:
    """Seconds per stage of tagging the batch in this process (pipelines already loaded)."""
    from casemine.actor_decision import settle
    from casemine.evidence import batch_evidence
    from casemine.language import detect_language
    from casemine.model import load_model
    from casemine.nlp import analyse, load_pipeline
    from casemine.spreadsheet import write_output
    from casemine.tables import case_text, read_table
    from casemine.tagging import tag_texts
    from casemine.vectors import sentence_vectors

    model = load_model()
    classifier = model.classifier
    for lang in ("fr", "en"):  # loaded before timing, as the raw runs do
        load_pipeline(lang)
    times: dict[str, float] = {}

    def timed(name, call):
        start = time.perf_counter()
        value = call()
        times[name] = time.perf_counter() - start
        return value

    table = timed("reading", lambda: read_table(path))
    texts = [case_text(row, ["text"]) for row in table.rows]
    languages = timed("language detection", lambda: [detect_language(t) for t in texts])
    codes = [lang.code for lang in languages]
    analyses = timed("spaCy + analysis", lambda: analyse(texts, codes, settle_actors=False))
    sentences = [s for a in analyses if a is not None for s in a.sentences]
    encoded = timed("sentence vectors", lambda: sentence_vectors(sentences, False))
    analyses = timed("actor-kind decision", lambda: settle(analyses, encoded))
    features = timed(
        "features (texts and sentences)", lambda: classifier.features_.transform_with_sentences(analyses, encoded)
    )

    def classify():
        per_sentence = classifier.sentence_probabilities(features.sentences)  # as tagging: once, for both
        scores = classifier.predict_scores(
            analyses, X=features.X, sentences=(features.sentences, features.bounds), sentence_probabilities=per_sentence
        )
        return per_sentence, [classifier.decide(s) for s in scores]

    per_sentence, labels = timed("classification", classify)
    timed("evidence", lambda: batch_evidence(classifier, analyses, labels, features, per_sentence))
    results = tag_texts(model, texts[:1])  # a valid result list to write; the rows' values are what cost
    timed("writing .jsonl", lambda: write_output(out, table, results * len(texts), None))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--skip-train", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four runs compared (default 3)")
    args = parser.parse_args()

    from casemine.language import detect_language

    rows = batch(args.cases)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    langs = [detect_language(t).code for t in texts]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"batch: {len(rows)} cases, {words / len(rows):.0f} words on average, fr {langs.count('fr')} en {langs.count('en')}"
    )

    table = []  # (what, seconds, cases, peak MB)
    peaks: dict[int, float] = {}  # --jobs → highest peak memory over the rounds
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env_cache = {"CASEMINE_CACHE": str(tmp / "unused.sqlite")}
        os.environ.update(env_cache)
        path = write_input(rows, tmp / "batch.csv")

        # The machine's speed drifts between minutes: the four runs compared are made in turn, round
        # after round, and each ratio is taken within a round.
        rounds: dict[str, list[float]] = {name: [] for name in COMPARED}
        for _ in range(args.rounds):
            rounds[COMPARED[0]].append(raw_spacy(texts, langs, tmp))
            rounds[COMPARED[1]].append(raw_spacy(texts, langs, tmp, processes=2))
            for jobs in (1, 2):
                command = casemine("tag", str(path), "-o", str(tmp / "out.jsonl"), "--text-col", "text", "--quiet")
                seconds, peak = run(command + ["--overwrite", "--jobs", str(jobs)])
                rounds[COMPARED[1 + jobs]].append(seconds)
                peaks[jobs] = max(peaks.get(jobs, 0.0), peak)
        for name, times in rounds.items():
            jobs = 1 if "--jobs 1" in name else 2 if "--jobs 2" in name else None
            table.append((name, statistics.median(times), len(rows), peaks.get(jobs) if jobs else None))

        for name, seconds in stages(path, tmp / "stages.jsonl").items():
            table.append((f"  stage: {name}", seconds, len(rows), None))

        for lang in ("fr", "en"):
            row = next(r for r, code in zip(rows, langs, strict=True) if code == lang)
            one = write_input([row], tmp / f"one-{lang}.csv")
            command = casemine("tag", str(one), "-o", str(tmp / "one.jsonl"), "--text-col", "text", "--quiet")
            seconds, peak = run(command + ["--overwrite"])
            table.append((f"cold start: tag a one-case file ({lang})", seconds, 1, peak))

        if not args.skip_large:
            large = write_input(batch(args.large), tmp / "large.csv")
            for suffix in (".jsonl", ".csv", ".xlsx"):
                command = casemine(
                    "tag", str(large), "-o", str(tmp / f"large{suffix}"), "--text-col", "text", "--quiet"
                )
                seconds, peak = run(command)
                table.append((f"tag {args.large} cases to {suffix}", seconds, args.large, peak))

        if not args.skip_train:
            cache = tmp / "train-cache.sqlite"
            n = len(read_cases(ROOT / "corpus" / "cases"))
            for state, jobs in (("cold", 1), ("warm", 1), ("warm", 2)):
                command = ["env", f"CASEMINE_CACHE={cache}"] + casemine(
                    "train", str(ROOT / "corpus" / "cases"), "-o", str(tmp / f"model-{state}"), "--overwrite"
                )
                seconds, peak = run(command + ["--jobs", str(jobs)])
                table.append((f"train on the full corpus, parse cache {state}, --jobs {jobs}", seconds, n, peak))

    ceiling = len(rows) / table[0][1]
    print(f"\nmedians of {args.rounds} rounds for the first four rows; every other figure is one run")
    print(f"{'what':<48}{'seconds':>9}{'cases/s':>9}{'words/s':>9}{'× spaCy':>9}{'peak MB':>9}")
    for what, seconds, n, peak in table:
        rate = n / seconds
        ratio = f"{rate / ceiling:.2f}" if n == len(rows) and not what.startswith("  ") else ""
        per_word = f"{rate * words / len(rows):.0f}" if n == len(rows) else ""
        print(f"{what:<48}{seconds:>9.2f}{rate:>9.1f}{per_word:>9}{ratio:>9}{'' if peak is None else f'{peak:.0f}':>9}")
    raw, pair, one, two = (rounds[name] for name in COMPARED)
    print("\nratios within each round (then their median):")
    for label, top, bottom in (
        ("casemine one process / raw spaCy", raw, one),
        ("raw spaCy two processes / one", raw, pair),
        ("casemine --jobs 2 / one process", one, two),
    ):
        ratios = [a / b for a, b in zip(top, bottom, strict=True)]
        print(f"  {label:<36}" + "  ".join(f"{r:.2f}" for r in ratios) + f"   median {statistics.median(ratios):.2f}")
    print(json.dumps({"ceiling_cases_per_s": round(ceiling, 1)}))


if __name__ == "__main__":
    main()
