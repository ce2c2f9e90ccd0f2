"""Test pictures for the document-upload tests, made with OpenCV (Debian's python3-opencv) from the
real photographs Debian's `opencv-doc` ships.

- A portrait: the first sample photo in which OpenCV's frontal-face Haar cascade finds exactly one
  large face (227943776_1.jpg, a head-and-shoulders photo in the documentation's images). Upscaled
  to 720×720 it is the selfie; cropped around the face it is the holder's photo printed on the
  fake ID card.
- An ID card front: a light card (ID-1 proportions) with the portrait and printed text lines,
  lying on a desk (stuff.jpg), slightly turned, about 70 % of the frame wide; a back side without
  a face; a passport data page.
- Bad variants of those: blurred (Gaussian σ 8), dark (×0.15), overexposed, tiny (100×70), no
  face, two faces; and hard failures: PNG bytes, text, a truncated JPEG, an 11 MB body, a PNG
  header claiming 60000×60000 pixels.

Everything is deterministic (fixed seeds) and cached per process.
"""

from __future__ import annotations

import functools
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np

EXAMPLES = Path("/usr/share/doc/opencv-doc/examples/data")
DOC_IMAGES = Path("/usr/share/doc/opencv-doc/opencv4/html")
CASCADE = Path("/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml")

# Sample photos with one clear frontal face, best first; the first that the cascade confirms wins.
PORTRAIT_CANDIDATES = [DOC_IMAGES / "227943776_1.jpg", DOC_IMAGES / "faceDetection.png", EXAMPLES / "messi5.jpg"]
# A sample photo with no face at all (fruit on a table).
NO_FACE_PHOTO = EXAMPLES / "fruits.jpg"
# Where the documents lie when photographed: a wooden desk with a few small things on it.
DESK_PHOTO = EXAMPLES / "stuff.jpg"

CARD_INK = (40, 30, 25)
JPEG_QUALITY = 92

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# -- encoding -----------------------------------------------------------------------------------
def jpeg(image: np.ndarray, quality: int = JPEG_QUALITY) -> bytes:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok, "JPEG encoding failed"
    return data.tobytes()


def png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok, "PNG encoding failed"
    return data.tobytes()


def webp(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".webp", image, [cv2.IMWRITE_WEBP_QUALITY, 95])
    assert ok, "WebP encoding failed"
    return data.tobytes()


def decode(data: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "not decodable"
    return image


# -- the portrait -------------------------------------------------------------------------------
def _detect_faces(image: np.ndarray, min_share: float = 0.1) -> list[tuple[int, int, int, int]]:
    classifier = cv2.CascadeClassifier(str(CASCADE))
    assert not classifier.empty(), f"cannot load {CASCADE}"
    grey = cv2.equalizeHist(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    size = max(24, int(min_share * min(grey.shape)))
    return [tuple(int(v) for v in face) for face in classifier.detectMultiScale(grey, 1.1, 5, minSize=(size, size))]


@functools.lru_cache(maxsize=None)
def _portrait_source() -> tuple[str, tuple[int, int, int, int]]:
    tried = []
    for path in PORTRAIT_CANDIDATES:
        image = cv2.imread(str(path)) if path.exists() else None
        if image is None:
            tried.append(f"{path}: missing")
            continue
        faces = _detect_faces(image, 0.05)
        if len(faces) == 1:
            return str(path), faces[0]
        tried.append(f"{path}: {len(faces)} faces")
    raise AssertionError("no sample photo with exactly one detectable face (install opencv-doc): " + "; ".join(tried))


def portrait(size: tuple[int, int]) -> np.ndarray:
    """The face photo cropped around the face (head and shoulders) and scaled to size (w, h)."""
    path, (x, y, w, h) = _portrait_source()
    image = cv2.imread(path)
    width, height = size
    # A crop with the face about half as wide as the picture, a little above the centre.
    crop_w = min(image.shape[1], int(w * 2.0))
    crop_h = min(image.shape[0], int(crop_w * height / width))
    crop_w = int(crop_h * width / height)
    cx, cy = x + w // 2, y + int(h * 0.6)
    left = max(0, min(image.shape[1] - crop_w, cx - crop_w // 2))
    top = max(0, min(image.shape[0] - crop_h, cy - crop_h // 2))
    crop = image[top:top + crop_h, left:left + crop_w]
    interpolation = cv2.INTER_AREA if crop_w > width else cv2.INTER_CUBIC
    scaled = cv2.resize(crop, (width, height), interpolation=interpolation)
    if crop_w < width:
        # Upscaling softens edges; a mild unsharp mask restores what a phone camera would deliver.
        soft = cv2.GaussianBlur(scaled, (0, 0), 1.2)
        scaled = cv2.addWeighted(scaled, 1.7, soft, -0.7, 0)
    return scaled


@functools.lru_cache(maxsize=None)
def selfie_image() -> np.ndarray:
    """A head-and-shoulders photo: the whole source photo, upscaled to 720×720."""
    path, _ = _portrait_source()
    image = cv2.imread(path)
    side = min(image.shape[:2])
    image = image[:side, :side]
    scaled = cv2.resize(image, (720, 720), interpolation=cv2.INTER_CUBIC)
    soft = cv2.GaussianBlur(scaled, (0, 0), 1.2)
    return cv2.addWeighted(scaled, 1.7, soft, -0.7, 0)


# -- documents ----------------------------------------------------------------------------------
def _card(width: int, height: int, face: bool, lines: list[str], tint: tuple[int, int, int]) -> np.ndarray:
    card = np.zeros((height, width, 3), np.uint8)
    card[:] = tint
    # A faint printed pattern, as security printing has.
    for k in range(0, width, 24):
        cv2.line(card, (k, 0), (k + height // 2, height), tuple(max(0, c - 12) for c in tint), 1, cv2.LINE_AA)
    text_left = 40
    if face:
        photo_w, photo_h = int(width * 0.30), int(height * 0.62)
        px, py = 36, int(height * 0.18)
        # A printed photo has no pure white: ink on tinted card stock tops out well below it.
        card[py:py + photo_h, px:px + photo_w] = cv2.convertScaleAbs(portrait((photo_w, photo_h)), alpha=0.85, beta=10)
        cv2.rectangle(card, (px - 2, py - 2), (px + photo_w + 1, py + photo_h + 1), CARD_INK, 2)
        text_left = px + photo_w + 36
    y = int(height * 0.22)
    for i, line in enumerate(lines):
        scale = 1.0 if i == 0 else 0.8
        cv2.putText(card, line, (text_left, y), cv2.FONT_HERSHEY_SIMPLEX, scale, CARD_INK, 2, cv2.LINE_AA)
        y += int(height * 0.12)
    cv2.rectangle(card, (0, 0), (width - 1, height - 1), (150, 150, 150), 2)
    return card


def _on_desk(card: np.ndarray, width: int, height: int, tilt_degrees: float,
             surface: np.ndarray | None = None) -> np.ndarray:
    """The card photographed lying on a desk (stuff.jpg: a pencil, a ball, a coin and a lighter on a
    wooden desk), covering about 70 % of the frame's width, turned a little and seen slightly from
    below (the top edge narrower), as a hand-held phone takes it. `surface` replaces the desk photo."""
    desk = cv2.imread(str(DESK_PHOTO)) if surface is None else surface
    assert desk is not None, f"missing {DESK_PHOTO} (install opencv-doc)"
    desk = cv2.resize(desk, (width, height), interpolation=cv2.INTER_CUBIC)
    w = 0.70 * width
    h = w * card.shape[0] / card.shape[1]
    inset = 0.03 * w / 2
    angle = np.deg2rad(tilt_degrees)
    cx, cy = width / 2, height / 2

    def place(x: float, y: float) -> tuple[float, float]:
        return (cx + x * np.cos(angle) - y * np.sin(angle), cy + x * np.sin(angle) + y * np.cos(angle))

    source = np.float32([[0, 0], [card.shape[1], 0], [card.shape[1], card.shape[0]], [0, card.shape[0]]])
    target = np.float32([place(-w / 2 + inset, -h / 2), place(w / 2 - inset, -h / 2), place(w / 2, h / 2),
                         place(-w / 2, h / 2)])
    transform = cv2.getPerspectiveTransform(source, target)
    warped = cv2.warpPerspective(card, transform, (width, height), flags=cv2.INTER_LINEAR)
    alpha = cv2.warpPerspective(np.ones(card.shape[:2], np.float32), transform, (width, height))[..., None]
    return (warped * alpha + desk * (1 - alpha)).astype(np.uint8)


@functools.lru_cache(maxsize=None)
def id_front_image() -> np.ndarray:
    card = _card(820, 517, True, ["RESIDENT IDENTITY CARD", "NAME  SPECIMEN", "SEX F   NATION CN",
                                  "BORN 1990 05 17", "ADDRESS SAMPLE ROAD 1"], (200, 214, 222))
    return _on_desk(card, 1024, 768, 3)


@functools.lru_cache(maxsize=None)
def id_back_image() -> np.ndarray:
    card = _card(820, 517, False, ["PEOPLE'S REPUBLIC OF CHINA", "AUTHORITY  SAMPLE BUREAU",
                                   "VALID 2020.01.01-2040.01.01"], (214, 206, 196))
    return _on_desk(card, 1024, 768, -2)


@functools.lru_cache(maxsize=None)
def passport_image() -> np.ndarray:
    card = _card(860, 600, True, ["PASSPORT", "TYPE P  CODE UTO", "ERIKSSON ANNA MARIA",
                                  "P<UTOERIKSSON<<ANNA<MARIA<<<", "L898902C36UTO7408122F12"], (205, 222, 212))
    return _on_desk(card, 1024, 768, 2)


@functools.lru_cache(maxsize=None)
def id_front_on_plain_desk_image() -> np.ndarray:
    """The card front on a plain, evenly lit dark surface and nothing else: what the upload hints
    ask people to do ("lay the document on a plain, darker surface")."""
    card = _card(820, 517, True, ["RESIDENT IDENTITY CARD", "NAME  SPECIMEN", "SEX F   NATION CN"],
                 (200, 214, 222))
    rng = np.random.default_rng(4)
    surface = np.clip(np.full((768, 1024, 3), (60, 70, 80), np.float32) + rng.normal(0, 3, (768, 1024, 3)), 0, 255)
    return _on_desk(card, 1024, 768, 3, surface.astype(np.uint8))


GOOD_IMAGES = {"id_front": id_front_image, "id_back": id_back_image, "passport": passport_image,
               "selfie": selfie_image}


def good_jpeg(kind: str) -> bytes:
    return jpeg(GOOD_IMAGES[kind]())


# -- quality failures ---------------------------------------------------------------------------
def blurred(image: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), 8)


def dark(image: np.ndarray) -> np.ndarray:
    return (image.astype(np.float32) * 0.15).astype(np.uint8)


def overexposed(image: np.ndarray) -> np.ndarray:
    return cv2.convertScaleAbs(image, alpha=1.6, beta=140)


def tiny(image: np.ndarray) -> np.ndarray:
    return cv2.resize(image, (100, 70), interpolation=cv2.INTER_AREA)


@functools.lru_cache(maxsize=None)
def no_face_image() -> np.ndarray:
    image = cv2.imread(str(NO_FACE_PHOTO))
    assert image is not None, f"missing {NO_FACE_PHOTO} (install opencv-doc)"
    assert not _detect_faces(image, 0.05), f"{NO_FACE_PHOTO} unexpectedly shows a face"
    return cv2.resize(image, (800, 600), interpolation=cv2.INTER_CUBIC) if image.shape[1] < 800 else image


@functools.lru_cache(maxsize=None)
def two_faces_image() -> np.ndarray:
    """Two people side by side, equally large: not a selfie of one applicant."""
    one = portrait((480, 640))
    other = cv2.flip(one, 1)
    return np.hstack([one, other])


# -- hard failures ------------------------------------------------------------------------------
def text_body() -> bytes:
    return b"This is a plain text file, not a photo.\n" * 40


def truncated(data: bytes, keep: float = 0.4) -> bytes:
    return data[: int(len(data) * keep)]


def oversized_jpeg(total: int = 11_000_000) -> bytes:
    """A real JPEG padded after its end marker to `total` bytes (11 MB > the 10 MB limit)."""
    head = jpeg(selfie_image())
    rng = np.random.default_rng(7)
    return head + rng.integers(0, 256, total - len(head), dtype=np.uint8).tobytes()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)


def pixel_flood_png(width: int = 60000, height: int = 60000) -> bytes:
    """A well-formed PNG header claiming width × height RGB pixels, with a tiny IDAT: decoding it
    would need width × height × 3 bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * (3 * 64)
    return (PNG_MAGIC + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(row * 4))
            + _png_chunk(b"IEND", b""))


def with_exif_comment(data: bytes, marker: str) -> bytes:
    """Inserts an APP1 Exif segment (a TIFF header with one ImageDescription entry holding `marker`)
    right after the JPEG SOI: the server must strip it."""
    assert data.startswith(JPEG_MAGIC)
    text = marker.encode("ascii") + b"\x00"
    # Little-endian TIFF: header, IFD0 with one ASCII entry (tag 0x010E) pointing past the IFD.
    ifd_offset = 8
    value_offset = ifd_offset + 2 + 12 + 4
    tiff = b"II*\x00" + struct.pack("<I", ifd_offset)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x010E, 2, len(text), value_offset) + struct.pack("<I", 0)
    tiff += text
    payload = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return data[:2] + segment + data[2:]
