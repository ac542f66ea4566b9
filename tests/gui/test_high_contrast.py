"""Windows high contrast (issue 13), tested with forced high-contrast palettes as
Windows sets them ("High Contrast Black" and "High Contrast White"): the app keeps the
user's colours rather than putting its own over them, and its custom-painted charts
draw text in the palette's colours, at 4.5:1 or more against what is behind it."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QPalette

from test_accessibility import ratio

C = QPalette.ColorRole
HIGH_CONTRAST = {
    "black": {C.Window: "#000000", C.WindowText: "#ffffff", C.Base: "#000000", C.Text: "#ffffff",
              C.Button: "#000000", C.ButtonText: "#ffffff", C.Highlight: "#1aebff",
              C.HighlightedText: "#000000", C.Link: "#ffff00", C.PlaceholderText: "#ffffff",
              C.Dark: "#ffffff", C.ToolTipBase: "#000000", C.ToolTipText: "#ffffff",
              C.AlternateBase: "#000000"},
    "white": {C.Window: "#ffffff", C.WindowText: "#000000", C.Base: "#ffffff", C.Text: "#000000",
              C.Button: "#ffffff", C.ButtonText: "#000000", C.Highlight: "#37006e",
              C.HighlightedText: "#ffffff", C.Link: "#00009f", C.PlaceholderText: "#000000",
              C.Dark: "#000000", C.ToolTipBase: "#ffffff", C.ToolTipText: "#000000",
              C.AlternateBase: "#ffffff"},
}


def high_contrast(name: str) -> QPalette:
    p = QPalette(QColor(HIGH_CONTRAST[name][C.Window]))
    for role, colour in HIGH_CONTRAST[name].items():
        p.setColor(role, QColor(colour))
    return p


@pytest.mark.parametrize("name", ["black", "white"])
def test_the_users_high_contrast_colours_are_kept(qtbot, name):
    from wss_desktop.gui.style import accessible_palette
    kept = accessible_palette(high_contrast(name))
    changed = {role.name: (colour, kept.color(role).name()) for role, colour in HIGH_CONTRAST[name].items()
               if kept.color(role).name() != colour}
    assert changed == {}


def drawn(widget, palette: QPalette):
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
    widget.resize(700, 320)
    return widget.grab().toImage()


def colours(image) -> Counter:
    return Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))


@pytest.mark.parametrize("name", ["black", "white"])
def test_painted_charts_keep_text_readable_in_high_contrast(qtbot, name):
    from wss_desktop.gui.overview_window import AreaChart
    from wss_desktop.gui.screens.school_data import ComparisonChart
    palette = high_contrast(name)
    text = palette.color(C.WindowText)
    comparison = ComparisonChart()
    comparison.set_rows([("Attendance", [91.0, 94.5, 92.0, 95.0]), ("Persistent absence", [24.0, 18.0, 22.0, 17.0])])
    area = AreaChart()
    area.show_figures([("1", "Outcomes"), ("2", "Leadership")], [3, 2], [2, None], ("1", "2", "3", "4"))
    for widget in (comparison, area):
        qtbot.addWidget(widget)
        seen = colours(drawn(widget, palette))
        background = QColor.fromRgb(seen.most_common(1)[0][0])
        assert background == palette.color(C.Window), type(widget).__name__
        assert text.rgb() in seen, f"{type(widget).__name__} draws its text in a fixed colour"
        assert ratio(text, background) >= 4.5
        # Every coloured bar has an edge in the text colour (3:1 for what is not text).
        assert seen[text.rgb()] > 200, type(widget).__name__
