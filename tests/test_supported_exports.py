"""The README's list of supported exports is the registry's, as the Import page shows it."""

from smdash.imports.formats import all_formats, supported
from tools import supported_exports


def test_the_readme_lists_every_supported_export():
    readme = supported_exports.README.read_text(encoding="utf-8")
    assert supported_exports.with_list(readme) == readme, (
        "README.md's list of supported exports is out of date: "
        "run python -m tools.supported_exports --write"
    )


def test_every_format_is_listed_once_in_both_languages():
    for lang in ("en", "es"):
        listed = [label for label, _ in supported(lang)]
        assert len(listed) == len(set(listed))
        assert set(listed) == {f.label[lang] for f in all_formats()}
        assert all(where for _, where in supported(lang))
