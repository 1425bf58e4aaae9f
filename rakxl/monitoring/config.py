"""``rakxl.toml``: an organisation's settings for monitoring.

Found next to the workbook (the same folder) or given with ``--config``. Read with
:mod:`tomllib` (``tomli`` on Python 3.10). Every key is optional::

    [pelaksana]
    # canonical name = [aliases]
    "Subbag Umum dan Logistik" = ["Subbag Logistik", "Sub Bagian Umum & Logistik"]

    [capaian]
    cap = 120                      # highest capaian shown; leave out for no cap
    thresholds = [                 # categories: lowest capaian of each, highest first
      { min = 91, name = "Sangat Baik" },
      { min = 76, name = "Baik" },
      { min = 66, name = "Cukup" },
      { min = 51, name = "Kurang" },
      { min = 0,  name = "Sangat Kurang" },
    ]

    [[methods]]                    # first matching rule wins
    goal = "5"                     # the goal's No as written ...
    indicator = 2                  # ... and the indicator's position in the goal
    aggregation = "nilai_akhir"    # kumulatif | nilai_akhir | persentase
    direction = "naik"             # naik | turun | turun_rasio
    scale = "opini"                # opini | predikat | kualitas (grade targets)

    [[methods]]
    match = "(?i)sengketa"         # a regular expression on the indicator/activity text
    level = "indicator"            # indicator | activity | both (default both)
    direction = "turun"

A bad setting raises :class:`ConfigError` whose one-line message names the file and
the key (``rakxl.toml: methods[2].direction: 'bawah' ...``).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import numbers
from ..exceptions import RakInputError
from ..text import fold_spaces
from .methods import AGGREGATIONS, ALIASES, DEFAULT_THRESHOLDS, DIRECTIONS, SCALES

FILE_NAME = "rakxl.toml"
#: Largest rakxl.toml read (a settings file, not data).
MAX_BYTES = 1_000_000


class ConfigError(RakInputError):
    """A rakxl.toml that cannot be used; the message names the key."""


@dataclass(frozen=True)
class MethodRule:
    """One ``[[methods]]`` entry."""

    key: str                       # "methods[1]"
    goal: str | None = None
    indicator: int | None = None
    match: "re.Pattern | None" = None
    level: str = "both"
    aggregation: str | None = None
    direction: str | None = None
    scale: str | None = None

    def applies(self, level: str, goal_no, indicator_pos, text) -> bool:
        if self.level != "both" and self.level != level:
            return False
        if self.goal is not None and str(goal_no).strip() != self.goal:
            return False
        if self.indicator is not None and indicator_pos != self.indicator:
            return False
        if self.match is not None and not self.match.search(str(text or "")):
            return False
        return True


@dataclass(frozen=True)
class Config:
    """The settings in force (:data:`DEFAULT` when there is no rakxl.toml)."""

    path: str | None = None
    #: canonical Pelaksana -> its aliases
    pelaksana: dict = field(default_factory=dict)
    cap: float | None = None
    thresholds: tuple = DEFAULT_THRESHOLDS
    methods: tuple = ()
    #: ``[rekap] units``: the units expected to send a monev workbook (``rakxl rekap``);
    #: empty: the canonical names of ``[pelaksana]``.
    units: tuple = ()
    #: ``[rekap] selisih``: the gap between capaian and serapan (percentage points)
    #: that ``rakxl rekap`` signals; None: 25.
    gap: float | None = None

    def canonical_pelaksana(self, name):
        """The canonical name of a Pelaksana (an alias, folded for case and spaces), or the name."""
        if name is None:
            return None
        key = fold_spaces(name)
        for canon, aliases in self.pelaksana.items():
            if key == fold_spaces(canon) or any(key == fold_spaces(a) for a in aliases):
                return canon
        return name

    def rule_for(self, level: str, goal_no, indicator_pos, text) -> MethodRule | None:
        for rule in self.methods:
            if rule.applies(level, goal_no, indicator_pos, text):
                return rule
        return None


DEFAULT = Config()


def _fail(path, key, message, **params):
    """Refuse the settings file ``path`` at ``key``: ``message`` is a ``config.*`` key of the catalogue."""
    from ..i18n import Said

    raise ConfigError.of("error.config_key", path=path, setting=key, reason=Said(message, **params))


def _choice(path, key, value, allowed):
    value = ALIASES.get(value, value) if isinstance(value, str) else value
    if value not in allowed:
        _fail(path, key, "config.choice", value=repr(value), allowed=", ".join(allowed))
    return value


def load_config(path) -> Config:
    """Read and check one rakxl.toml.

    Raises:
        ConfigError: the file is not TOML, or a key has a value rakxl cannot use.
    """
    p = Path(path)
    data = _read_toml(p)
    known = {"pelaksana", "capaian", "methods", "rekap"}
    for key in data:
        if key not in known:
            _fail(p, key, "config.unknown_key", known=", ".join(sorted(known)))
    pelaksana = _pelaksana(p, data.get("pelaksana", {}))
    cap, thresholds = _capaian(p, data.get("capaian", {}))
    rules = _methods(p, data.get("methods", []))
    units, gap = _rekap(p, data.get("rekap", {}))
    return Config(str(p), pelaksana, cap, thresholds, rules, units, gap)


def _read_toml(p: Path) -> dict:
    """The file's TOML (a settings file: at most :data:`MAX_BYTES`, UTF-8)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ConfigError.of("error.config_big", path=p, size=numbers(size))
        text = p.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError.of("error.config_utf8", path=p) from None
    except OSError as exc:
        raise ConfigError.of("error.config_unreadable", path=p, reason=exc.strerror) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError.of("error.config_toml", path=p, detail=str(exc)) from None


def _pelaksana(p, section) -> dict:
    """``[pelaksana]``: canonical name -> its aliases."""
    if not isinstance(section, dict):
        _fail(p, "pelaksana", "config.pelaksana_table")
    pelaksana = {}
    for canon, aliases in section.items():
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            _fail(p, f"pelaksana.{canon}", "config.alias_list")
        pelaksana[canon] = tuple(aliases)
    return pelaksana


def _capaian(p, section) -> tuple[float | None, tuple]:
    """``[capaian]``: the cap (None: no cap) and the category thresholds."""
    if not isinstance(section, dict):
        _fail(p, "capaian", "config.capaian_table")
    for key in section:
        if key not in ("cap", "thresholds"):
            _fail(p, f"capaian.{key}", "config.unknown_key", known="cap, thresholds")
    cap = None
    if "cap" in section:
        cap = section["cap"]
        if cap is False:
            cap = None
        elif isinstance(cap, bool) or not isinstance(cap, (int, float)) or not math.isfinite(cap) or cap <= 0:
            _fail(p, "capaian.cap", "config.cap", value=repr(cap))
        else:
            cap = float(cap)
    if "thresholds" not in section:
        return cap, DEFAULT_THRESHOLDS
    items = section["thresholds"]
    if not isinstance(items, list) or not items:
        _fail(p, "capaian.thresholds", "config.thresholds")
    out = []
    for i, item in enumerate(items, 1):
        key = f"capaian.thresholds[{i}]"
        if not isinstance(item, dict) or set(item) != {"min", "name"}:
            _fail(p, key, "config.threshold")
        low, name = item["min"], item["name"]
        if isinstance(low, bool) or not isinstance(low, (int, float)) or not isinstance(name, str):
            _fail(p, key, "config.threshold_types")
        if out and low >= out[-1][0]:
            _fail(p, f"{key}.min", "config.threshold_order", low=low, previous=f"{out[-1][0]:g}")
        out.append((float(low), name))
    return cap, tuple(out)


#: The keys of one ``[[methods]]`` entry.
METHOD_KEYS = {"goal", "indicator", "match", "level", "aggregation", "direction", "scale"}


def _methods(p, items) -> tuple:
    """``[[methods]]``: the method rules, in order (the first that matches wins)."""
    if not isinstance(items, list):
        _fail(p, "methods", "config.methods_list")
    return tuple(_method_rule(p, f"methods[{i}]", item) for i, item in enumerate(items, 1))


def _method_rule(p, key: str, item) -> MethodRule:
    """One ``[[methods]]`` entry, checked key by key."""
    if not isinstance(item, dict):
        _fail(p, key, "config.methods_table")
    for k in item:
        if k not in METHOD_KEYS:
            _fail(p, f"{key}.{k}", "config.unknown_key", known=", ".join(sorted(METHOD_KEYS)))
    if not any(k in item for k in ("aggregation", "direction", "scale")):
        _fail(p, key, "config.method_empty")
    goal = item.get("goal")
    if goal is not None and not isinstance(goal, (str, int)) or isinstance(goal, bool):
        _fail(p, f"{key}.goal", "config.goal")
    indicator = item.get("indicator")
    if indicator is not None and (isinstance(indicator, bool) or not isinstance(indicator, int) or indicator < 1):
        _fail(p, f"{key}.indicator", "config.indicator")
    if indicator is not None and goal is None:
        _fail(p, f"{key}.indicator", "config.indicator_goal")
    match = item.get("match")
    if match is not None:
        if not isinstance(match, str):
            _fail(p, f"{key}.match", "config.match_text")
        try:
            match = re.compile(match)
        except re.error as exc:
            _fail(p, f"{key}.match", "config.match_invalid", detail=str(exc))
    level = _choice(p, f"{key}.level", item.get("level", "both"), ("indicator", "activity", "both"))
    chosen = {name: _choice(p, f"{key}.{name}", item[name], allowed) if name in item else None
              for name, allowed in (("aggregation", AGGREGATIONS), ("direction", DIRECTIONS), ("scale", tuple(SCALES)))}
    return MethodRule(key, None if goal is None else str(goal).strip(), indicator, match, level, **chosen)


def _rekap(p, section) -> tuple[tuple, float | None]:
    """``[rekap]``: ``units`` (a list of unit names) and ``selisih`` (a number > 0)."""
    if not isinstance(section, dict):
        _fail(p, "rekap", "config.rekap_table")
    for key in section:
        if key not in ("units", "selisih"):
            _fail(p, f"rekap.{key}", "config.unknown_key", known="selisih, units")
    units = section.get("units", [])
    if not isinstance(units, list) or not all(isinstance(u, str) and u.strip() for u in units):
        _fail(p, "rekap.units", "config.units")
    gap = section.get("selisih")
    if gap is not None and (isinstance(gap, bool) or not isinstance(gap, (int, float))
                            or not math.isfinite(gap) or gap <= 0):
        _fail(p, "rekap.selisih", "config.selisih", value=repr(gap))
    return tuple(" ".join(u.split()) for u in units), None if gap is None else float(gap)


def find_config(workbook=None, explicit=None) -> Config:
    """The settings for ``workbook``: ``explicit`` when given, else ``rakxl.toml`` in the
    workbook's folder, else :data:`DEFAULT`."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise ConfigError.of("error.config_missing", path=explicit)
        return load_config(explicit)
    if workbook is not None:
        cand = Path(workbook).resolve().parent / FILE_NAME
        if cand.is_file():
            return load_config(cand)
    return DEFAULT


def config_for(workbook) -> Config:
    """The ``rakxl.toml`` next to ``workbook`` (read once per file version), or :data:`DEFAULT`.

    Used where a plan is read without options: the checker's ``pelaksana-variant``
    rule and ``rakxl totals`` group Pelaksana names by its canonical names.
    """
    if workbook is None:
        return DEFAULT
    cand = Path(workbook).resolve().parent / FILE_NAME
    try:
        stamp = cand.stat().st_mtime_ns
    except OSError:
        return DEFAULT
    return _load_cached(str(cand), stamp)


@functools.lru_cache(maxsize=64)
def _load_cached(path: str, stamp: int) -> Config:
    return load_config(path)


def declared(config: Config, name) -> str | None:
    """The canonical name ``name`` is declared under in ``config`` (itself or an alias), or None."""
    if name is None or not config.pelaksana:
        return None
    canon = config.canonical_pelaksana(name)
    if canon != name or fold_spaces(name) in {fold_spaces(c) for c in config.pelaksana}:
        return canon
    return None
