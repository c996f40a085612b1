"""Regenerate casemine/data/entities/countries.json from CLDR (via Babel): country names in English and French.

Run by hand when updating (``pip install babel``); casemine itself needs only the JSON file.
Hand-made variants (UK, USA, Hollande…) live in country_aliases.json beside it.
"""

import json
from pathlib import Path

import babel
from babel import Locale

SKIP = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "AC", "CP", "DG", "EA", "IC", "TA"}
OUT = Path(__file__).resolve().parent.parent / "casemine" / "data" / "entities" / "countries.json"

en, fr = Locale("en").territories, Locale("fr").territories
names = {
    code: {"en": en[code].replace("’", "'"), "fr": fr[code].replace("’", "'")}
    for code in sorted(en)
    if len(code) == 2 and code.isalpha() and code not in SKIP and code in fr
}
lines = [f"  {json.dumps(code)}: {json.dumps(names[code], ensure_ascii=False)}" for code in names]
OUT.write_text(
    f'{{"source": "CLDR territory names, Babel {babel.__version__}",\n "names": {{\n' + ",\n".join(lines) + "\n }\n}\n",
    encoding="utf-8",
)
print(f"{len(names)} countries → {OUT}")
