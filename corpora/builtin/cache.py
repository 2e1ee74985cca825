"""The default build, generated on first use into a cache folder named by a hash of every
generator input, and moved into place atomically so concurrent processes never see half a
corpus."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from corpora import native
from corpora.builtin.generate import DEFAULT_PAGES, DEFAULT_SEED, write_corpus
from corpora.page import CorpusError
from corpora.seeds import seeds_dir

log = logging.getLogger(__name__)

CACHE_ENV = "BOILERBENCH_CACHE"
PACKAGE = Path(__file__).resolve().parent


def cache_root() -> Path:
    """``$BOILERBENCH_CACHE``, else ``~/.cache/boilerbench``."""
    return Path(os.environ.get(CACHE_ENV) or "~/.cache/boilerbench").expanduser()


def _inputs() -> list[Path]:
    files = [
        *sorted(PACKAGE.rglob("*.py")),
        *sorted((PACKAGE / "data").rglob("*.toml")),
        *sorted((PACKAGE / "articles").glob("*.md")),
    ]
    seeds = sorted(p for p in seeds_dir().iterdir() if p.is_file())
    return [*files, *seeds, Path(native.__file__).resolve()]


def inputs_digest(pages: int = DEFAULT_PAGES, seed: int = DEFAULT_SEED) -> str:
    """SHA-256 (16 hex digits) of the generator's code, data files, articles, seed page and
    arguments."""
    digest = hashlib.sha256(f"pages={pages};seed={seed};v={native.SCHEMA_VERSION}\n".encode())
    for path in _inputs():
        name = path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else path.name
        digest.update(str(name).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def default_corpus_dir(pages: int = DEFAULT_PAGES, seed: int = DEFAULT_SEED) -> Path:
    """The folder of the build, generating it first when the cache does not hold it."""
    root = cache_root()
    target = root / f"builtin-{inputs_digest(pages, seed)}"
    if (target / native.GOLD).is_file():
        return target
    try:
        root.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=root))
        scratch.chmod(0o755)  # mkdtemp makes it private; the corpus is not secret
    except OSError as exc:
        raise CorpusError(
            f"cannot create the corpus cache in {root}: {exc} (set {CACHE_ENV})"
        ) from exc
    try:
        log.info("building the built-in corpus into %s", target)
        write_corpus(scratch, pages, seed)
        try:
            scratch.rename(target)
        except OSError:
            if not (target / native.GOLD).is_file():
                raise
            log.info("another process built %s first", target)
    except OSError as exc:
        raise CorpusError(f"cannot write the built-in corpus to {target}: {exc}") from exc
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return target
