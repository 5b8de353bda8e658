"""Measuring a screen as a user would meet it: does it fit, can every text be read, can every
control be found by a screen reader?

``check(window, screen)`` lays the window out at most the screen's size, draws it once, and
reports what a test can count:

- **too wide**: the window needs more width than the screen has (Qt grows a window to its
  layout's minimum, so this is the width it takes when shown);
- **too tall**: likewise for height: a dialog taller than the screen has its buttons off the
  bottom, out of reach (a long form scrolls instead);
- **clipped**: a label whose text does not fit its box (a one-line label narrower than its
  text, a wrapped label shorter than its lines), a button narrower than its text, or a table's
  heading or (unwrapped) cell narrower than its text. A label or cell that elides on purpose
  and carries the whole text in its tooltip is not clipped;
- **unnamed**: a control a keyboard reaches with no accessible name: no ``accessibleName``, no
  buddy label, and (for buttons) no text;
- **low contrast**: text whose colour, as drawn, is below WCAG AA against the background it is
  drawn on (4.5:1, or 3:1 for large text). Measured on the drawn pixels, so style sheets,
  palettes and inherited backgrounds all count as they really are;
- **tab order**: Tab going back up the same column of the page (to a control wholly above the
  one it leaves, and overlapping it across): a reader goes down a column, then to the next.

It is used by ``scripts/screens`` (which also saves the pictures) and by the tests, for every
screen, in the light and dark palettes and at 1280x720 logical (1.5x on a 1920x1080 screen).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

from linkadviser.ui.widgets.elided import ELIDES

AA_NORMAL, AA_LARGE = 4.5, 3.0
CONTROLS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
            QAbstractItemView)
TEXT_BUTTONS = (QPushButton, QCheckBox, QRadioButton)


@dataclass
class ScreenReport:
    name: str
    width: int = 0
    height: int = 0
    too_wide: list[str] = field(default_factory=list)
    too_tall: list[str] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    low_contrast: list[str] = field(default_factory=list)
    tab_order: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"too wide": len(self.too_wide), "too tall": len(self.too_tall),
                "clipped": len(self.clipped),
                "unnamed": len(self.unnamed), "low contrast": len(self.low_contrast),
                "tab order": len(self.tab_order)}

    def lines(self) -> list[str]:
        counts = ", ".join(f"{k} {v}" for k, v in self.counts().items())
        out = [f"{self.name}: {self.width}x{self.height} px; {counts}"]
        for kind, found in (("too wide", self.too_wide), ("too tall", self.too_tall),
                            ("clipped", self.clipped),
                            ("unnamed", self.unnamed), ("low contrast", self.low_contrast),
                            ("tab order", self.tab_order)):
            out += [f"  {kind}: {item}" for item in found]
        return out


def describe(widget: QWidget) -> str:
    text = _text(widget)
    name = widget.objectName() or type(widget).__name__
    return f"{name} “{text[:60]}”" if text else name


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return ""


def shown(widget: QWidget, window: QWidget) -> bool:
    """Visible in the window, and not scrolled wholly out of sight."""
    return widget.isVisibleTo(window) and widget.isVisible() and \
        not widget.visibleRegion().isEmpty()


def lay_out(window: QWidget, screen: QSize) -> None:
    """Show the window as it opens on ``screen``: its own size, capped at the screen."""
    size = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) \
        else window.sizeHint()
    window.resize(min(size.width(), screen.width()), min(size.height(), screen.height()))
    window.show()
    for _ in range(3):
        QApplication.processEvents()


# -- the measures --------------------------------------------------------------------------

def too_wide(window: QWidget, screen: QSize) -> list[str]:
    width = window.width()  # a maximised window's frame is off the screen
    if width > screen.width():
        return [f"{describe(window)} is {width} px on a {screen.width()} px screen"]
    return []


def too_tall(window: QWidget, screen: QSize) -> list[str]:
    height = window.height()
    if height > screen.height():
        return [f"{describe(window)} is {height} px on a {screen.height()} px high screen"]
    return []


def clipped(window: QWidget) -> list[str]:
    found = []
    for label in window.findChildren(QLabel):
        if shown(label, window) and _label_clipped(label):
            found.append(describe(label))
    for view in window.findChildren(QAbstractItemView):
        if shown(view, window) and isinstance(view, (QTableView, QTreeView)):
            found += _cells_clipped(view)
    for button in window.findChildren(QAbstractButton):
        if isinstance(button, TEXT_BUTTONS) and shown(button, window) and button.text() \
                and button.width() + 1 < button.sizeHint().width():
            found.append(f"{describe(button)} ({button.width()} of {button.sizeHint().width()} px)")
    return found


CELL_MARGIN = 8  # a cell's own padding either side of its text, as Qt's styles draw it
CELLS_MEASURED = 60  # rows: enough to meet the long names, few enough to stay quick


def _cells_clipped(view: QTableView | QTreeView) -> list[str]:
    model, found = view.model(), []
    if model is None:
        return found
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    name = view.accessibleName() or view.objectName() or type(view).__name__
    bold = QFont(header.font())
    bold.setBold(True)  # the app's headings are bold; measured as the widest they may be
    for column in range(model.columnCount()):
        if header.isSectionHidden(column) or not header.sectionSize(column):
            continue
        width = header.sectionSize(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if title and QFontMetrics(bold).horizontalAdvance(title) + 2 * CELL_MARGIN > width + 1:
            found.append(f"{name}: heading “{title}” ({width} px)")
        if view.wordWrap():
            continue  # wrapped text grows its row rather than being cut
        for row in range(min(model.rowCount(), CELLS_MEASURED)):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                continue
            if index.data(Qt.ItemDataRole.ToolTipRole) == text:
                continue  # elided on purpose, whole in the tooltip
            room = width
            if isinstance(view, QTreeView) and column == 0 and \
                    view.isFirstColumnSpanned(row, QModelIndex()):
                room = view.viewport().width()  # a heading row across every column
            font = index.data(Qt.ItemDataRole.FontRole) or view.font()
            indent = view.indentation() if isinstance(view, QTreeView) and column == 0 \
                and view.rootIsDecorated() else 0
            if QFontMetrics(font).horizontalAdvance(text) + 2 * CELL_MARGIN + indent > room:
                found.append(f"{name}: “{text[:40]}” in column “{title}” ({width} px)")
                break  # one a column is enough to say it is too narrow
    return found


def _label_clipped(label: QLabel) -> bool:
    text = _text(label) if label.buddy() else label.text()  # "&Name" shows as "Name"
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text)
    if not text or rich:
        return False
    if label.property(ELIDES) and label.toolTip() == text:
        return False
    box = label.contentsRect()
    metrics = label.fontMetrics()
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        return need > label.height() + 1
    lines = text.split("\n")
    indent = max(label.indent(), 0) if label.indent() >= 0 else 0
    wide = max(metrics.horizontalAdvance(line) for line in lines) + indent + 2 * label.margin()
    tall = metrics.lineSpacing() * len(lines)
    return wide > box.width() + 1 or tall > box.height() + 2


def unnamed(window: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not shown(widget, window):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):  # a part of the control
            continue
        named = widget.accessibleName().strip() or id(widget) in buddies
        if isinstance(widget, QAbstractButton):
            named = named or bool(_text(widget).strip()) or bool(widget.toolTip())
        if not named:
            found.append(describe(widget))
    return found


def contrast_ratio(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """WCAG 2 contrast ratio between colours (arrays of RGB 0-255)."""
    def luminance(rgb: np.ndarray) -> np.ndarray:
        c = rgb.astype(float) / 255.0
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return c @ np.array([0.2126, 0.7152, 0.0722])

    a, b = luminance(first), luminance(second)
    return (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4)[:, :, [2, 1, 0]]  # BGRA to RGB


def text_contrast(crop: np.ndarray) -> float | None:
    """The contrast of the drawn text in ``crop`` with its background: the background is the
    commonest colour, the text the colour furthest from it (anti-aliased edges lie between)."""
    flat = crop.reshape(-1, 3)
    if len(flat) == 0:
        return None
    colours, counts = np.unique(flat, axis=0, return_counts=True)
    if len(colours) < 2:
        return None
    background = colours[counts.argmax()]
    return float(contrast_ratio(colours, background[None, :]).max())


def _large(font: QFont) -> bool:
    points = font.pointSizeF()
    return points >= 18 or (points >= 14 and font.weight() >= QFont.Weight.Bold)


def low_contrast(window: QWidget, picture: QImage | None = None) -> list[str]:
    picture = picture or window.grab().toImage()
    ratio = picture.devicePixelRatio()
    pixels = _pixels(picture)
    found = []
    # Only what this window's picture shows: a dialog it opened (a passphrase asked over a
    # document preview) is a window of its own, checked on its own.
    widgets = [w for w in window.findChildren(QWidget)
               if isinstance(w, (QLabel, *TEXT_BUTTONS, QComboBox)) and w.window() is window]
    for widget in widgets:
        # A disabled control is exempt (WCAG), but a choice shown disabled on a signed record
        # is what the record says: it must be read.
        content = isinstance(widget, QComboBox) and bool(widget.currentText())
        if not content and (not _text(widget).strip() or not widget.isEnabled()):
            continue
        if not shown(widget, window):
            continue
        if isinstance(widget, QLabel) and (widget.pixmap() and not widget.pixmap().isNull()):
            continue
        area = widget.visibleRegion().boundingRect()
        if area != widget.rect():
            continue  # partly scrolled out of sight: measured where it is shown whole
        if isinstance(widget, (QPushButton, QComboBox)):
            area = area.adjusted(4, 4, -4, -4)  # its border is not its text
        top_left = widget.mapTo(window, area.topLeft())
        rect = QRect(QPoint(round(top_left.x() * ratio), round(top_left.y() * ratio)),
                     QSize(round(area.width() * ratio), round(area.height() * ratio)))
        rect = rect.intersected(QRect(0, 0, pixels.shape[1], pixels.shape[0]))
        if rect.isEmpty():
            continue
        crop = pixels[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]
        measured = text_contrast(crop)
        needed = AA_LARGE if _large(widget.font()) else AA_NORMAL
        if measured is not None and measured < needed:
            found.append(f"{describe(widget)} {measured:.1f}:1 (needs {needed}:1)")
    return found


def tab_chain(window: QWidget, limit: int = 400) -> list[QWidget]:
    """The controls Tab visits in ``window``, in order, from its first."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and len(chain) < limit:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled() \
                and shown(widget, window) and widget.window() is window:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def tab_order(window: QWidget) -> list[str]:
    found = []
    chain = tab_chain(window)
    for before, after in zip(chain, chain[1:], strict=False):
        a = QRect(before.mapTo(window, QPoint(0, 0)), before.size())
        b = QRect(after.mapTo(window, QPoint(0, 0)), after.size())
        overlaps = b.left() < a.right() and a.left() < b.right()
        if b.bottom() < a.top() and overlaps:
            found.append(f"{describe(before)} → {describe(after)} (back up the page)")
    return found


def check(window: QWidget, name: str, screen: QSize, picture_path: str | None = None
          ) -> ScreenReport:
    """Lay ``window`` out on ``screen``, draw it (saving the picture if asked) and measure."""
    lay_out(window, screen)
    picture = window.grab().toImage()
    if picture_path:
        picture.save(picture_path)
    return ScreenReport(name=name, width=window.width(), height=window.height(),
                        too_wide=too_wide(window, screen), too_tall=too_tall(window, screen),
                        clipped=clipped(window),
                        unnamed=unnamed(window), low_contrast=low_contrast(window, picture),
                        tab_order=tab_order(window))
