"""A typed signature, for someone who cannot draw one with a mouse, pen or finger.

The typed name is drawn into a PNG like a drawn signature (so the signed record keeps its shape
and its fingerprint covers it) and carried in the PNG's text field, from which the document
prints it as typed (``documents.blocks.typed_name``).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter

from linkadviser.documents.blocks import TYPED_SIGNATURE_KEY
from linkadviser.ui.signing.signature_pad import INK, png_bytes


def typed_signature_png(name: str) -> bytes:
    """The typed ``name`` as a PNG (italic, on transparent), carrying the name as text."""
    font = QFont("serif", 28)
    font.setItalic(True)
    metrics = QFontMetrics(font)
    width, height = metrics.horizontalAdvance(name) + 24, metrics.height() + 16
    image = QImage(max(width, 40), height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(INK)
    painter.drawText(QRect(0, 0, image.width(), height), Qt.AlignmentFlag.AlignCenter, name)
    painter.end()
    image.setText(TYPED_SIGNATURE_KEY, name)
    return png_bytes(image)
