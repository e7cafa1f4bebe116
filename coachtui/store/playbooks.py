"""Find and load playbooks and frameworks: the bundled ones, then the person's own.

The person's files win on the same id. A broken file never stops the others: it is
reported as a PlaybookError with its location, and the rest load as usual. Playbooks
are joined to their frameworks (scenario.FrameworkSet) once every framework is read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from coachtui.core.example import check_example
from coachtui.core.framework import Framework
from coachtui.core.playbook import Playbook
from coachtui.core.scenario import FrameworkSet, ResolveError, Scenario
from coachtui.store.playbook_errors import (
    PlaybookError,
    Problem,
    from_findings,
    from_toml_error,
    from_validation_error,
    not_a,
)
from coachtui.store import playbook_cache
from coachtui.store.playbook_cache import Cache
from coachtui.store.playbook_files import (
    FRAMEWORKS,
    Origin,
    bundled_dir,
    folders,
    framework_files,
    is_framework_file,
    playbook_files,
)
from coachtui.store.playbook_listing import listing_of
from coachtui.store.playbook_repair import put_right
from coachtui.store.safe_read import CouldNotRead, read_bytes

__all__ = ["FRAMEWORKS", "Library", "LoadedFramework", "LoadedPlaybook", "bundled_dir",
           "check_files", "discover", "is_framework_file", "load_file", "parse"]

MAX_BYTES = 256 * 1024
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class LoadedPlaybook:
    scenario: Scenario
    path: Path
    origin: Origin
    overrides_bundled: bool = False

    @property
    def playbook(self) -> Playbook:
        return self.scenario.playbook


@dataclass(frozen=True)
class LoadedFramework:
    framework: Framework
    path: Path
    origin: Origin
    overrides_bundled: bool = False


@dataclass
class Library:
    """Every usable playbook and framework by id, in a stable order, plus the files that could not be used."""

    playbooks: dict[str, LoadedPlaybook] = field(default_factory=dict)
    frameworks: dict[str, LoadedFramework] = field(default_factory=dict)
    broken: list[PlaybookError] = field(default_factory=list)

    def get(self, playbook_id: str) -> Scenario | None:
        loaded = self.playbooks.get(playbook_id)
        return loaded.scenario if loaded else None

    def default(self, preferred: str) -> Scenario | None:
        """The preferred scenario, or else the first one that loaded."""
        return self.get(preferred) or next(
            (loaded.scenario for loaded in self.playbooks.values()), None)


def read_source(path: Path, within: Path | None = None) -> str:
    """A playbook or framework file's text, or a PlaybookError saying why it cannot be used.

    Read guarded (see safe_read): a link is followed only to a regular file, and only
    inside `within` when given (a playbook folder); None for a file named on the command line.
    """
    try:
        raw = read_bytes(path, within=within, cap=MAX_BYTES, what="a playbook")
    except CouldNotRead as error:
        raise PlaybookError(path, [Problem(str(error))]) from None
    return decode(path, raw)


def decode(path: Path, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise PlaybookError(path, [Problem("starts with a byte-order mark (BOM); "
                                           "save it as UTF-8 without BOM", 1, 1)])
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlaybookError(path, [Problem("is not UTF-8 text (binary, or another encoding?)",
                                           line)]) from None
    if not source.strip():
        raise PlaybookError(path, [Problem("is empty; a playbook needs at least an id and a title")])
    return source


def parse_toml(path: Path, source: str) -> dict:
    """The TOML text's tables, or a PlaybookError at the first syntax error."""
    try:
        return tomllib.loads(source)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        raise from_toml_error(path, source, error) from None


def validate(path: Path, source: str, model: type[Model]) -> Model:
    """Parse TOML text and validate it as `model`, or raise a located PlaybookError."""
    return _validated(path, parse_toml(path, source), lambda: source, model)


def _validated(path: Path, data: dict, source: Callable[[], str], model: type[Model]) -> Model:
    """Parsed tables validated as `model`, or a PlaybookError located in the file's text
    (`source`: asked for only then, so tables from the cache need no reading)."""
    if stranger := not_a(path, data, model, "framework" if model is Framework else "playbook"):
        raise stranger
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise from_validation_error(path, source(), error, model) from None
    except RecursionError:
        raise PlaybookError(path, [Problem("arrays or tables are nested too deeply to read")]) from None
    except Exception as error:  # noqa: BLE001 - whatever the model lets through is one line
        raise PlaybookError(path, [Problem(f"could not be understood ({error})")]) from None


def parse(path: Path, raw: bytes) -> Playbook:
    """Validate one playbook's bytes on their own; `path` only names the file in errors."""
    return validate(path, decode(path, raw), Playbook)


def load_file(path: Path) -> Playbook:
    """Read and validate one playbook file on its own (its framework is not checked)."""
    return validate(path, read_source(path), Playbook)


@dataclass
class _Read:
    """A file that validated on its own, kept until its references are checked."""

    model: BaseModel
    path: Path
    text: Callable[[], str]  # its text, to locate a problem found later
    origin: Origin
    replaces: _Read | None = None  # the bundled file this one overrides, kept as a fallback

    @property
    def overrides_bundled(self) -> bool:
        return self.replaces is not None

    @property
    def source(self) -> str:
        return self.text()


class _Tables:
    """Each file's TOML tables: from the cache when the file is unchanged, else read and
    parsed (and kept for the next cache)."""

    def __init__(self, cache: Cache | None, roots: dict[Origin, Path] | None) -> None:
        self.cache, self.roots = cache, roots
        self.kept: dict[str, dict] = {}  # what the next cache holds

    def of(self, origin: Origin, path: Path) -> tuple[dict, Callable[[], str]]:
        within = self.roots[origin] if self.roots else None
        fid = playbook_cache.file_id(origin, within, path) if self.cache and within else None
        if fid is not None and fid in self.cache.parsed:
            self.kept[fid] = tables = self.cache.parsed[fid]
            return tables, lambda: _text_again(path, within)
        source = read_source(path, within=within)
        tables = parse_toml(path, source)
        if fid is not None and (copy := playbook_cache.storable(tables)) is not None:
            self.kept[fid] = copy
        return tables, lambda: source


def _text_again(path: Path, within: Path | None) -> str:
    """The text of a file whose tables came from the cache, read only to locate a problem."""
    try:
        return read_source(path, within=within)
    except PlaybookError:
        return ""  # gone or changed meanwhile: the problem is said without its line


def _read_all(files: Iterable[tuple[Origin, Path]], model: type[BaseModel],
              broken: list[PlaybookError],
              roots: dict[Origin, Path] | None = None,
              tables: _Tables | None = None) -> dict[str, _Read]:
    """Each file validated as `model`, by id; the user's file replaces a bundled one.
    `roots`: the playbook folder of each origin, which a link may not lead out of."""
    tables = tables or _Tables(None, roots)
    found: dict[str, _Read] = {}
    for origin, path in files:
        try:
            data, text = tables.of(origin, path)
            item = _validated(path, data, text, model)
        except PlaybookError as error:
            broken.append(error)
            continue
        item_id = item.id  # type: ignore[attr-defined]
        earlier = found.get(item_id)
        if earlier is not None and earlier.origin == origin:
            broken.append(PlaybookError(path, [Problem(
                f"has the id {item_id!r}, already used by {earlier.path.name}; "
                "ids must be unique")]))
            continue
        found[item_id] = _Read(item, path, text, origin, replaces=earlier)
    return found


def _scenario(read: _Read, frameworks: FrameworkSet) -> Scenario:
    """Join a parsed playbook to its framework and check its example, or raise PlaybookError."""
    try:
        scenario = frameworks.build(read.model)  # type: ignore[arg-type]
    except ResolveError as error:
        raise from_findings(read.path, read.source, error.findings) from None
    findings = check_example(scenario, datetime.now(timezone.utc))
    if findings:
        raise from_findings(read.path, read.source, findings)
    return scenario


def _framework_set(reads: dict[str, _Read], broken: list[PlaybookError]) -> FrameworkSet:
    """The frameworks resolved together; one whose `extends` or `after` fails goes to broken.

    A broken override falls back to the bundled framework it replaced, so one bad file of the
    person's never takes a bundled framework (and every scenario using it) away.
    """
    reported: set[str] = set()
    while True:
        frameworks = FrameworkSet({fid: read.model for fid, read in reads.items()})  # type: ignore[misc]
        fallback = False
        for fid, findings in frameworks.problems.items():
            if fid not in reported:
                reported.add(fid)
                broken.append(from_findings(reads[fid].path, reads[fid].source, findings))
            if reads[fid].replaces is not None:
                reads[fid] = reads[fid].replaces
                fallback = True
        if not fallback:
            return frameworks


def _usable_scenario(read: _Read, frameworks: FrameworkSet,
                     broken: list[PlaybookError]) -> tuple[Scenario, _Read] | None:
    """The playbook joined to its framework, or else the bundled one it overrides, if any."""
    while True:
        try:
            return _scenario(read, frameworks), read
        except PlaybookError as error:
            broken.append(error)
        if read.replaces is None:
            return None
        read = read.replaces


def discover(user_dir: Path | None = None, cache: Cache | None = None,
             keep_cache: bool = False) -> Library:
    """Load the bundled playbooks and frameworks, then the user's, reporting broken files.

    Files unchanged since the last start are not read or parsed: their tables come from
    the playbook cache (`cache`, or the one on disk), and everything else happens as usual.
    With `keep_cache` (the app's start, where it pays) the cache is written again when it
    was not up to date; a command such as `playbooks list` only reads it, and writes nothing."""
    cache = cache or playbook_cache.load(user_dir)
    library = Library()
    roots = dict(folders(user_dir))
    tables = _Tables(cache, roots)
    framework_reads = _read_all(framework_files(user_dir), Framework, library.broken, roots,
                                tables)
    frameworks = _framework_set(framework_reads, library.broken)
    for fid in frameworks.usable:
        read = framework_reads[fid]
        library.frameworks[fid] = LoadedFramework(frameworks.frameworks[fid], read.path,
                                                  read.origin, read.overrides_bundled)
    for pid, read in _read_all(playbook_files(user_dir), Playbook, library.broken, roots,
                               tables).items():
        if usable := _usable_scenario(read, frameworks, library.broken):
            scenario, used = usable
            library.playbooks[pid] = LoadedPlaybook(scenario, used.path, used.origin,
                                                    used.overrides_bundled)
    listing = listing_of(library)
    if keep_cache and listing != cache.listing:  # stale, or the same files now differ
        playbook_cache.save(cache.key, listing, tables.kept)
    return library


def check_files(files: Iterable[Path], user_dir: Path | None = None) -> list[PlaybookError]:
    """Every problem of every given file, as `coachtui playbooks validate` reports them.

    Files under a `frameworks/` folder are frameworks. Playbooks are checked against the
    installed frameworks plus the given ones (which win on the same id).
    """
    files = list(files)
    broken: list[PlaybookError] = []
    installed = _read_all(framework_files(user_dir), Framework, [],  # not this command's files
                          dict(folders(user_dir)))
    given = _read_all((("user", path) for path in files if is_framework_file(path)),
                      Framework, broken)
    frameworks = _framework_set({**installed, **given}, [])
    for fid, read in given.items():
        if fid in frameworks.problems:
            broken.append(from_findings(read.path, read.source, frameworks.problems[fid]))
    for path in files:
        if is_framework_file(path):
            continue
        try:
            _check_playbook(path, frameworks)
        except PlaybookError as error:
            broken.append(error)
    return broken


def _check_playbook(path: Path, frameworks: FrameworkSet) -> None:
    """Raise a PlaybookError with every problem of one playbook file, in line order.

    A file whose schema problems are only near misses (a mistyped key or choice) is also
    checked against its framework and example, as if they were put right, so one run
    names them all.
    """
    source = read_source(path)
    try:
        playbook, schema_error = validate(path, source, Playbook), None
    except PlaybookError as error:
        schema_error = error
        playbook, later = put_right(parse_toml(path, source), Playbook)
        for found in later:
            schema_error = schema_error.joined(from_validation_error(path, source, found, Playbook))
        if playbook is None:
            raise schema_error from None
    try:
        _scenario(_Read(playbook, path, lambda: source, "user"), frameworks)
    except PlaybookError as later:
        raise schema_error.joined(later) if schema_error else later from None
    if schema_error:
        raise schema_error


def changed_meanings_in(path: Path) -> list[str]:
    """Located lines ("file:12: signals[3].lean: …") naming each field of a readable
    playbook whose meaning changed with the three-part engine; [] for a framework file or
    one that cannot be read (its problems are reported on their own)."""
    from coachtui.core.changes import changed_meanings

    if is_framework_file(path):
        return []
    try:
        source = read_source(path)
        notes = changed_meanings(validate(path, source, Playbook))
    except PlaybookError:
        return []
    return str(from_findings(path, source, notes)).splitlines() if notes else []
