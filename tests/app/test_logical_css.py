"""Arabic mirrors only if the styles say "start" and "end", never "left" and "right": every
stylesheet uses logical properties, and templates carry no inline styles or physical alignment."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
STYLESHEETS = sorted((ROOT / "app").glob("**/*.css"))
SIDES = re.compile(
    r"(?<![\w-])((margin|padding|border)-(left|right)[\w-]*\s*:|border-(top|bottom)-(left|right)-radius\s*:"
    r"|(left|right)\s*:|float\s*:\s*(left|right)|clear\s*:\s*(left|right)|text-align\s*:\s*(left|right)"
    r"|background-position\s*:[^;]*\b(left|right)\b)",
    re.IGNORECASE,
)
FOUR_SIDED = re.compile(r"(?<![\w-])(margin|padding|inset|border-width)\s*:\s*([^;}]+)", re.IGNORECASE)


def _rules(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    return text


def test_there_are_stylesheets():
    assert any(p.name == "heard.css" for p in STYLESHEETS)


def test_no_physical_left_or_right_in_stylesheets():
    found = []
    for path in STYLESHEETS:
        for match in SIDES.finditer(_rules(path)):
            found.append((path.name, match.group(0)))
    assert not found, found


def test_four_value_shorthands_are_symmetric():
    """``margin: 0 1rem 0 2rem`` sets left and right differently: it would not mirror."""
    found = []
    for path in STYLESHEETS:
        for match in FOUR_SIDED.finditer(_rules(path)):
            values = match.group(2).replace("!important", "").split()
            if len(values) == 4 and values[1] != values[3]:
                found.append((path.name, match.group(0)))
    assert not found, found


def test_templates_have_no_inline_styles_or_physical_alignment():
    found = []
    for path in sorted((ROOT / "app").glob("**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"\sstyle=", r"\salign=\"?(left|right)", r"\sdir=\"?rtl"):
            if re.search(pattern, text):
                found.append((str(path.relative_to(ROOT)), pattern))
    assert not found, found


def test_fonts_cover_the_nine_languages_without_a_download():
    css = (ROOT / "app" / "static" / "heard.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "fonts.googleapis" not in css and "@import" not in css
    stack = re.search(r"font-family:([^;]+);", css).group(1)
    # System stacks: Latin with Vietnamese diacritics and Hmong (RPA is Latin), Arabic, Chinese.
    for family in ("system-ui", "Noto Sans", "Noto Sans Arabic", "Noto Sans SC", "Microsoft YaHei", "Tahoma",
                   "sans-serif"):
        assert family in stack, family
