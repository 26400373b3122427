"""Black redaction boxes on a scanned page: large filled dark rectangles.

Woo releases black out passages with filled rectangles. Tesseract reads them as nothing
or as noise, so the page is searched for them before OCR: the boxes are painted white
for tesseract, and the page text gets `[redacted]` where a box without a readable label
sits (ocr_layout.py). Pillow only (no numpy in the environment): the page is reduced to
75 dpi, where a text stroke is at most 2 px wide, so a 3x3 erosion removes all text and
leaves only solid areas, which are few and small enough to trace in plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageFilter

REDUCE = 4  # 300 dpi -> 75 dpi
DARK = 96  # grey level below which a pixel counts as ink (scans are rarely pure black)
FILL = 0.9  # share of ink inside the rectangle: a logo or a bold word has much less
MIN_WIDTH_IN = 0.3  # narrower is a bullet, a thick rule's end or a bold letter
MIN_HEIGHT_IN = 0.1  # a box over one line of 9-point text is about 0.15 in
MAX_PAGE_SHARE = 0.25  # larger is a photograph or a dark scan border, not a redaction


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def height(self) -> int:
        return self.bottom - self.top


def find_boxes(page: Image.Image, dpi: int) -> list[Box]:
    """Filled dark rectangles of `page` (grey, rendered at `dpi`), in page pixels."""
    small = page.convert("L").reduce(REDUCE)
    ink = small.point(lambda v: 255 if v < DARK else 0)
    solid = ink.filter(ImageFilter.MinFilter(3))  # erosion: keeps what is 3 px thick
    width, height = solid.size
    small_dpi = dpi / REDUCE
    boxes = []
    for left, top, right, bottom in _components(solid.tobytes(), width, height):
        # the erosion ate one pixel on every side
        left, top = max(left - 1, 0), max(top - 1, 0)
        right, bottom = min(right + 2, width), min(bottom + 2, height)
        w, h = right - left, bottom - top
        if w < MIN_WIDTH_IN * small_dpi or h < MIN_HEIGHT_IN * small_dpi:
            continue
        if w * h > MAX_PAGE_SHARE * width * height:
            continue
        if h > w:  # blacked-out text runs along lines; a tall bar is a logo (Rijksoverheid)
            continue
        if left == 0 or top == 0 or right == width or bottom == height:
            continue  # dark scan edges and punch holes touch the border
        if ink.crop((left, top, right, bottom)).histogram()[255] < FILL * w * h:
            continue
        boxes.append(Box(left * REDUCE, top * REDUCE, right * REDUCE, bottom * REDUCE))
    return boxes


def whiten(page: Image.Image, boxes: list[Box]) -> Image.Image:
    """A copy of `page` with the boxes painted white: left black, tesseract takes a box
    for a picture and drops the text lines that touch it (on the corpus scan, a
    signature block lost two lines); white, it reads them. Leaving a frame of the box
    (so that letters running into it stay whole) read no better. The box is found at
    75 dpi, so its edges are known to one reduced pixel: a margin at the sides whitens
    the rest, which tesseract would read as '|'; none above and below, where the
    descenders of a label often touch the box."""
    if not boxes:
        return page
    copy = page.copy()
    for box in boxes:
        copy.paste(255, (max(box.left - REDUCE, 0), box.top,
                         min(box.right + REDUCE, page.width), box.bottom))
    return copy


def _components(pixels: bytes, width: int, height: int) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (left, top, right, bottom inclusive) of 4-connected non-zero areas."""
    seen = bytearray(len(pixels))
    found = []
    for start in (i for i, v in enumerate(pixels) if v):
        if seen[start]:
            continue
        seen[start] = 1
        stack = [start]
        left, top, right, bottom = width, height, 0, 0
        while stack:
            i = stack.pop()
            y, x = divmod(i, width)
            left, right = min(left, x), max(right, x)
            top, bottom = min(top, y), max(bottom, y)
            for j in (i - 1 if x else -1, i + 1 if x + 1 < width else -1,
                      i - width, i + width):
                if 0 <= j < len(pixels) and pixels[j] and not seen[j]:
                    seen[j] = 1
                    stack.append(j)
        found.append((left, top, right, bottom))
    return found
