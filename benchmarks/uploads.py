"""What reading an upload costs: peak memory and time, before (decode in full) and now (digits.uploads).

    .venv/bin/python -m benchmarks.uploads            # about a minute; prints a Markdown table

Each case is a file a person could upload (under Streamlit's 5 MB upload limit), made here:
large JPEGs (baseline and progressive), PNGs in the modes that cost the most to decode
(RGB, palette with transparency, 16-bit grey) at the size the decode budget still accepts, and
pictures beyond it. Each (case, reader) pair runs in its own fresh process: the file is read
from disk, one small upload is read to load every plugin, then the peak resident memory is
reset (/proc/self/clear_refs) and the upload is read. "Peak" is the growth of the process's
resident set (VmHWM) over what it held just before: Pillow's pixel buffers live outside
Python's allocator, so tracemalloc would not see them. The baseline, "before", is the code
this project used until now: `Image.open` (any format), `load()` at full size, then
`preprocess_digit`. It asserts nothing: figures on a shared machine are for reading.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from digits.preprocess import preprocess_digit
from digits.uploads import read_upload


def read_upload_before(content: bytes) -> np.ndarray:
    """The reader before this change (ui/input_panel.py): any format, decoded at full size."""
    with Image.open(io.BytesIO(content)) as picture:
        if picture.width * picture.height > 4096 * 4096:
            raise ValueError("that picture is too large")
        picture.load()
        return preprocess_digit(picture)


READERS = {"before": read_upload_before, "now": read_upload}


def photo_of_a_digit(width: int, height: int, mode: str) -> Image.Image:
    """A smooth grey page with a dark stroke across the middle: compresses well, like a photo of paper."""
    rows = np.linspace(200, 240, height, dtype=np.float32)[:, None]
    page = np.broadcast_to(rows, (height, width)).copy()
    top, left = height // 4, width // 2 - width // 30
    page[top : height - top, left : left + width // 15] = 30
    grey = Image.fromarray(page.astype(np.uint8))
    if mode == "RGBA":  # dark ink on a transparent sheet
        picture = Image.new("RGBA", grey.size, (0, 0, 0, 0))
        picture.putalpha(Image.eval(grey, lambda v: 255 - v if v < 100 else 0))
        return picture
    if mode == "P":  # a palette picture whose paper colour is transparent
        picture = grey.quantize(colors=16)
        picture.info["transparency"] = picture.getpixel((0, 0))
        return picture
    if mode == "I;16":
        return Image.fromarray(page.astype(np.uint16) * 257)
    return grey.convert(mode)


# name -> (width, height, mode, format, save options)
CASES = {
    "JPEG 3000×3000 baseline": (3000, 3000, "RGB", "JPEG", {"quality": 90}),
    "JPEG 6000×4000 baseline": (6000, 4000, "RGB", "JPEG", {"quality": 85}),
    "JPEG 3000×3000 progressive": (3000, 3000, "RGB", "JPEG", {"quality": 90, "progressive": True}),
    "JPEG 4000×3000 progressive (refused)": (4000, 3000, "RGB", "JPEG", {"quality": 90, "progressive": True}),
    "PNG 2500×2500 RGB": (2500, 2500, "RGB", "PNG", {}),
    "PNG 2500×2500 RGBA": (2500, 2500, "RGBA", "PNG", {}),
    "PNG 2800×2800 palette + transparency": (2800, 2800, "P", "PNG", {}),
    "PNG 2300×2300 16-bit grey": (2300, 2300, "I;16", "PNG", {}),
    "PNG 5600×4000 grey": (5600, 4000, "L", "PNG", {}),
    "PNG 4000×4000 RGB (refused)": (4000, 4000, "RGB", "PNG", {}),
    "PNG 20000×20000 grey (refused)": (20000, 20000, "L", "PNG", {}),
}


def resident_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def measure_in_this_process(path: str, reader: str) -> dict:
    """Read one upload with one reader; report peak memory growth and seconds (run in a fresh process)."""
    content = Path(path).read_bytes()
    small = io.BytesIO()
    photo_of_a_digit(64, 64, "RGB").save(small, "PNG")
    READERS[reader](small.getvalue())  # load the plugins and NumPy paths first
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current resident size
    before = resident_kib("VmRSS")
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        READERS[reader](content)
        outcome = "digit"
    except ValueError:
        outcome = "refused"
    except Exception as error:  # the old reader let some of Pillow's own errors through
        outcome = f"error: {error.__class__.__name__}"
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = (resident_kib("VmHWM") - before) / 1024
    return {"peak_mb": peak_mb, "seconds": seconds, "cpu_seconds": cpu_seconds, "outcome": outcome}


def make_file(folder: Path, name: str) -> tuple[Path, float]:
    width, height, mode, kind, options = CASES[name]
    path = folder / f"{abs(hash(name))}.{kind.lower()}"
    if name.startswith("PNG 20000"):  # a valid header claiming 20000×20000 is all it takes
        path.write_bytes(claimed_size_png(width, height))
    else:
        photo_of_a_digit(width, height, mode).save(path, kind, **options)
    return path, path.stat().st_size / 2**20


def claimed_size_png(width: int, height: int) -> bytes:
    """A 1×1 grey PNG whose header says width×height (what a decompression bomb looks like to a reader)."""
    import struct
    import zlib

    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def run_child(path: Path, reader: str) -> dict:
    command = [sys.executable, "-m", "benchmarks.uploads", "--child", str(path), reader]
    answer = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(answer.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("FILE", "READER"), help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per case and reader")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_in_this_process(*args.child)))
        return
    print(
        f"Load average before: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs. "
        "Seconds: wall (CPU); medians of fresh processes.\n"
    )
    print("| upload | file MB | before: peak MB | before: s | before | now: peak MB | now: s | now |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name in CASES:
            path, size = make_file(Path(folder), name)
            row = [name, f"{size:.2f}"]
            for reader in READERS:
                runs = [run_child(path, reader) for _ in range(args.repeats)]
                row += [
                    f"{statistics.median(r['peak_mb'] for r in runs):.1f}",
                    f"{statistics.median(r['seconds'] for r in runs):.2f} "
                    f"({statistics.median(r['cpu_seconds'] for r in runs):.2f})",
                    runs[-1]["outcome"],
                ]
            print("| " + " | ".join(row) + " |", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
