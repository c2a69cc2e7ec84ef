"""The numbers a text writes, in any of their forms: "93.5%", "93,5 %", "50,000", "50 000",
"50 mil", "$3.7 billion", "fifty thousand", "cincuenta mil", "seven to twenty".

A number written with one separator and three digits after it ("500,000", "3.900") may be
thousands or a decimal, as English and Spanish write them: it stands for both values. A
spelled-out number is read in English and in Spanish.
"""

from __future__ import annotations

import re
import unicodedata

# Digits not glued to a word ("H2O" and "rc13" hold none), with their separators of
# thousands (a comma, a point, a space, a thin or no-break space) and a decimal part.
DIGITS = re.compile(r"(?<![\w.,])\d+(?:[,.\u00a0\u202f\u2009 ]\d{3})*(?:[.,]\d+)?(?![\d])")
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 10**6,
    "millions": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "trillion": 10**12,
    "cien": 100,
    "ciento": 100,
    "mil": 1_000,
    "millón": 10**6,
    "millon": 10**6,
    "millones": 10**6,
    "billón": 10**12,
    "billones": 10**12,
}
_SCALE_AFTER = re.compile(r"\s*(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b")
_UNITS_EN = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS_EN = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_UNITS_ES = (
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
    "diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco "
    "veintiséis veintisiete veintiocho veintinueve"
).split()
_TENS_ES = "treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()
_HUNDREDS_ES = "doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos novecientos".split()
_WORDS: dict[str, int] = {
    **{w: i for i, w in enumerate(_UNITS_EN)},
    **{w: 20 + 10 * i for i, w in enumerate(_TENS_EN)},
    **{w: i for i, w in enumerate(_UNITS_ES)},
    **{w: 30 + 10 * i for i, w in enumerate(_TENS_ES)},
    **{w: 200 + 100 * i for i, w in enumerate(_HUNDREDS_ES)},
    **{w.replace("os", "as"): 200 + 100 * i for i, w in enumerate(_HUNDREDS_ES)},
    "un": 1,
    "una": 1,
    "veintiún": 21,
}
_JOINING = {"and", "y"}
# A word, or what breaks a run of number words (punctuation but a hyphen, a digit).
_TOKEN = re.compile(r"[^\W\d_]+|[^\s\w-]|\d+")


def values(number: str) -> set[float]:
    """The values ``number`` (digits and separators) may stand for."""
    number = re.sub(r"[\u00a0\u202f\u2009 ]", "", number)
    separators = re.findall(r"[.,]", number)
    if not separators:
        return {float(number)}
    last = number.rfind(separators[-1])
    decimal = float(re.sub(r"[.,]", "", number[:last]) + "." + number[last + 1 :])
    whole = float(re.sub(r"[.,]", "", number))
    if len(set(separators)) == 2 or len(separators) == 1 and len(number) - last - 1 != 3:
        return {decimal}
    return {whole} if len(separators) > 1 else {whole, decimal}


def written(text: str, english: bool = False) -> list[set[float]]:
    """Each number ``text`` writes in digits, as the values it may stand for (one, for
    ``english``: a comma groups thousands), times the word for its scale after it ("3.7
    billion": 3.7 × 10⁹)."""
    text = unicodedata.normalize("NFC", text)
    found = []
    for m in DIGITS.finditer(text):
        scale = _SCALE_AFTER.match(text, m.end())
        factor = _SCALES[scale[1].lower()] if scale else 1
        number = re.sub(r"[,\u00a0\u202f\u2009 ]", "", m[0]) if english else m[0]
        found.append({_round(v * factor) for v in values(number)})
    return found


def numbers(text: str) -> set[float]:
    """Every value ``text`` writes, in digits (with their scale: "3.7 billion", "50 mil")
    or in words ("fifty thousand", "cincuenta mil")."""
    found = set().union(*written(text))
    for m in DIGITS.finditer(text):  # (and without its scale; "in 2014 500 people": 2014 and 500 as well)
        found |= values(m[0]) | {float(part) for part in re.split(r"[\u00a0\u202f\u2009 ]", m[0]) if part.isdigit()}
    return found | _spelled_out(unicodedata.normalize("NFC", text))


def _round(value: float) -> float:
    return round(value, 6)


def _spelled_out(text: str) -> set[float]:
    """The values of the numbers ``text`` spells out ("forty-two", "tres millones")."""
    found: set[float] = set()
    run: list[str] = []
    for word in [*_TOKEN.findall(text.lower()), ""]:
        if word in _WORDS or word in _SCALES or (run and word in _JOINING):
            run.append(word)
            continue
        while run and run[-1] in _JOINING:
            run.pop()
        if run:
            found.add(float(_value([w for w in run if w not in _JOINING])))
        run = []
    return found


def _value(words: list[str]) -> int:
    """The value of a run of number words: the largest scale times what stands before it,
    plus what follows it ("tres millones quinientos mil": 3 × 10⁶ + 500 × 10³)."""
    scales = [(_SCALES[w], i) for i, w in enumerate(words) if w in _SCALES and w not in ("cien", "ciento")]
    if not scales:
        return sum(_WORDS.get(w, 100) for w in words)
    scale, at = max(scales)
    before = _value(words[:at]) if at else 1
    return before * scale + (_value(words[at + 1 :]) if at + 1 < len(words) else 0)
