"""The built-in corpus' tables are data files: they load into their dataclasses, and a broken
file is an error that names the file and the key."""

from __future__ import annotations

import re
import shutil
from importlib.resources import as_file
from pathlib import Path

import pytest

from corpora.builtin import TEMPLATES, load_articles
from corpora.builtin.chrome import Chrome
from corpora.builtin.phrases import Phrases
from corpora.builtin.sites import Site
from corpora.builtin.tables import DATA, TableError, load_chrome, load_phrases, load_sites


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the data files, to break one at a time."""
    with as_file(DATA) as source:
        return Path(shutil.copytree(source, tmp_path / "data"))


def test_the_tables_load_into_their_dataclasses_once() -> None:
    sites, phrases, chrome = load_sites(), load_phrases(), load_chrome()
    assert len(sites) == 16 and all(isinstance(site, Site) for site in sites)
    assert sites[0].key == "newsline" and sites[-1].key == "wadi"  # build order, not sorted
    assert sorted(phrases) == sorted({a.language for a in load_articles()})
    assert all(isinstance(p, Phrases) for p in phrases.values())
    assert phrases["de"].months[2] == "März"
    assert sorted(chrome) == sorted(
        ["newsline", "kettle", "crankset", "harrowgate", "rheintal", "backstube", "lanjiang"]
    )
    assert all(isinstance(c, Chrome) for c in chrome.values())
    by_key = {site.key: site for site in sites}
    for key, c in chrome.items():
        assert c.consent.title and len(c.partners) == 214, key
        assert (
            c.consent
            == chrome[
                {"en": "newsline", "de": "rheintal", "zh": "lanjiang"}[by_key[key].language]
            ].consent
        )
    assert load_sites() is sites and load_chrome() is chrome  # read once, cached


def test_every_data_file_is_used(data: Path) -> None:
    """Nothing in data/ is ignored: each file is a site, a language or the partner list."""
    sites = {site.key for site in load_sites(data)}
    languages = {site.language for site in load_sites(data)}
    expected = {"sites.toml", "partners.toml"}
    expected |= {f"sites/{key}.toml" for key in sites}
    expected |= {f"phrases/{lang}.toml" for lang in languages}
    expected |= {f"chrome/{key}.toml" for key in load_chrome(data)}
    expected |= {f"consent/{lang}.toml" for lang in ("en", "de", "zh")}
    found = {str(p.relative_to(data)) for p in data.rglob("*") if p.is_file()}
    assert found == expected


def test_a_copy_loads_like_the_package(data: Path) -> None:
    assert load_sites(data) == load_sites()
    assert dict(load_phrases(data)) == dict(load_phrases())
    assert dict(load_chrome(data)) == dict(load_chrome())


BROKEN = [
    # (file, text to replace, replacement, error expected after "<file>: ")
    ("phrases/en.toml", 'menu = "Menu"', 'menu = "Menu', "not a valid UTF-8 TOML file"),
    ("phrases/de.toml", 'menu = "Menü"\n', "", "menu: missing"),
    (
        "phrases/fr.toml",
        "skip_link =",
        "skip_lnik =",
        "skip_lnik: unknown key; did you mean 'skip_link'?",
    ),
    ("phrases/es.toml", 'home = "Inicio"', "home = 3", "home: expected a string, got an integer"),
    (
        "phrases/ru.toml",
        'share_buttons = ["',
        'share_buttons = [1, "',
        "share_buttons[0]: expected a string, got an integer",
    ),
    ("phrases/ja.toml", "\nmonths = [", '\nmonths = ["13月", ', "months: expected 12 month names"),
    ("sites/kettle.toml", 'template = "blog"', 'template = "blgo"', "template: unknown template"),
    ("sites/wadi.toml", 'language = "ar"', 'language = "fa"', "language: no phrases/fa.toml"),
    (
        "sites/kurashi.toml",
        "front_page = true",
        'front_page = "yes"',
        "front_page: expected a boolean, got a string",
    ),
    ("sites.toml", '    "wadi",\n', "", "order: sites/wadi.toml is not listed"),
    ("sites.toml", '    "wadi",\n', '    "wadi",\n    "nowhere",\n', "order[16]: no file sites/"),
    ("sites.toml", '    "wadi",\n', '    "wadi",\n    "kettle",\n', "order[16]: 'kettle' is"),
    (
        "chrome/kettle.toml",
        'type = "read-more"',
        'type = "teasers"',
        "boxes[0].type: 'teasers' is not a noise type",
    ),
    (
        "chrome/kettle.toml",
        'text = "The one I bake every Saturday."',
        'txt = "The one I bake every Saturday."',
        "boxes[0].entries[0].txt: unknown key; did you mean 'text'?",
    ),
    (
        "chrome/crankset.toml",
        "[[menu]]\nsection =",
        "[[menu]]\nname =",
        "menu[0].name: unknown key",
    ),
    (
        "consent/de.toml",
        "[[purposes]]\nname =",
        "[[purposes]]\nnom =",
        "purposes[0].nom: unknown key",
    ),
    (
        "partners.toml",
        "partners = [",
        "partner = [",
        "partner: unknown key; did you mean 'partners'?",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "error"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_names_the_file_and_key(
    data: Path, file: str, old: str, new: str, error: str
) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TableError, match=re.escape(f"{path}: {error}")):
        load_chrome(data)  # reads the sites and phrases too


def test_chrome_without_its_site_or_consent_is_an_error(data: Path) -> None:
    (data / "chrome" / "atlantis.toml").write_text('popular = "Most read"\n', encoding="utf-8")
    with pytest.raises(TableError, match=r"chrome/atlantis\.toml: no site 'atlantis'"):
        load_chrome(data)
    (data / "chrome" / "atlantis.toml").unlink()
    (data / "consent" / "de.toml").unlink()
    with pytest.raises(TableError, match=r"chrome/rheintal\.toml: no consent/de\.toml"):
        load_chrome(data)


def test_the_templates_the_sites_use_exist() -> None:
    assert {site.template for site in load_sites()} < set(TEMPLATES)
