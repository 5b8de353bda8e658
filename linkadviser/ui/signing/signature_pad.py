"""A pad to sign on with a mouse, a pen or a finger, kept as vector strokes.

Strokes are ``QPainterPath``s in widget coordinates, so the pad can be redrawn at any size and
exported as a crisp PNG (transparent background, cropped to the ink) for the document. Touch
and tablet events are handled directly (and accepted) so Qt does not also synthesise mouse
events for the same stroke.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#0b1f3a")
EXPORT_SCALE = 2.0  # export at twice screen resolution so print is not blocky
MARGIN = 6.0


class SignaturePad(QWidget):
    """Draw with mouse, pen or finger; ``to_png()`` gives the signature as PNG bytes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setMinimumSize(320, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(130)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("Signature pad")
        self._strokes: list[QPainterPath] = []
        self._drawing = False

    # -- strokes -------------------------------------------------------------------------
    def begin_stroke(self, point: QPointF) -> None:
        path = QPainterPath(point)
        path.lineTo(point + QPointF(0.01, 0.01))  # a dot is a stroke too
        self._strokes.append(path)
        self._drawing = True
        self.update()

    def extend_stroke(self, point: QPointF) -> None:
        if self._drawing and self._strokes:
            self._strokes[-1].lineTo(point)
            self.update()

    def end_stroke(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """Draw a whole stroke at once (for tests and for replaying a stored signature)."""
        if not points:
            return
        self.begin_stroke(QPointF(*points[0]))
        for x, y in points[1:]:
            self.extend_stroke(QPointF(x, y))
        self.end_stroke()

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self._strokes

    # -- input ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.extend_stroke(event.position())

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:  # noqa: N802
        self.end_stroke()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.begin_stroke(event.position())
        elif kind == QEvent.Type.TabletMove:
            self.extend_stroke(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if points:
                where = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self.begin_stroke(where)
                elif kind == QEvent.Type.TouchUpdate:
                    self.extend_stroke(where)
                else:
                    self.end_stroke()
            event.accept()
            return True
        return super().event(event)

    # -- drawing -------------------------------------------------------------------------
    def _pen(self) -> QPen:
        pen = QPen(INK, 2.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#b8c4ce"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = self.height() - 28
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        if self.is_empty():
            painter.setPen(QColor("#56626c"))
            painter.drawText(QRectF(16, baseline + 4, self.width() - 32, 20),
                             Qt.AlignmentFlag.AlignLeft, "Sign above the line")
        painter.setPen(self._pen())
        for path in self._strokes:
            painter.drawPath(path)
        painter.end()

    def to_png(self) -> bytes:
        """The ink only, cropped, on a transparent background; empty bytes if unsigned."""
        if self.is_empty():
            return b""
        bounds = QRectF()
        for path in self._strokes:
            bounds = bounds.united(path.boundingRect())
        bounds = bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        image = QImage(int(bounds.width() * EXPORT_SCALE) + 1,
                       int(bounds.height() * EXPORT_SCALE) + 1, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(EXPORT_SCALE, EXPORT_SCALE)
        painter.translate(-bounds.topLeft())
        painter.setPen(self._pen())
        for path in self._strokes:
            painter.drawPath(path)
        painter.end()
        return png_bytes(image)


def png_bytes(image: QImage) -> bytes:
    """``image`` as PNG file bytes (its text fields included)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
