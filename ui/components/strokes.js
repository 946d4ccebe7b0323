// Pen strokes -> pixels, exactly as digits/strokes.py does it; change both together.
//
// A drawing is a list of strokes {points: [[x, y], ...], erase: bool} in the coordinates of a
// RASTER_SIZE square. Each segment is painted with round caps:
//   coverage of a pixel = clip(radius + 0.5 - distance from its centre to the segment, 0, 1)
//   pen: ink = max(ink, coverage)        eraser: ink = min(ink, 1 - coverage)
// Because max and min do not care how often a pixel is painted, a stroke can be painted one
// segment at a time as the pen moves and still give the picture the server computes at once.

const RASTER_SIZE = 224;
const PEN_WIDTH = 18; // 1/12 of the pad: about 2 pixels in MNIST's 20-pixel box, as in MNIST
const ERASER_WIDTH = 36;

function strokeRadius(stroke) {
  return (stroke.erase ? ERASER_WIDTH : PEN_WIDTH) / 2;
}

// Paint one round-capped segment into `ink` (a Float64Array, size x size, row by row).
function paintSegment(ink, size, start, end, radius, erase) {
  const [x0, y0] = start;
  const [x1, y1] = end;
  const left = Math.max(0, Math.floor(Math.min(x0, x1) - radius - 1));
  const right = Math.min(size, Math.ceil(Math.max(x0, x1) + radius + 1));
  const top = Math.max(0, Math.floor(Math.min(y0, y1) - radius - 1));
  const bottom = Math.min(size, Math.ceil(Math.max(y0, y1) + radius + 1));
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy;
  for (let row = top; row < bottom; row++) {
    const py = row + 0.5;
    for (let col = left; col < right; col++) {
      const px = col + 0.5;
      let t = 0;
      if (lengthSquared > 0) {
        t = Math.min(1, Math.max(0, ((px - x0) * dx + (py - y0) * dy) / lengthSquared));
      }
      const ex = px - (x0 + t * dx);
      const ey = py - (y0 + t * dy);
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - Math.sqrt(ex * ex + ey * ey)));
      const index = row * size + col;
      ink[index] = erase ? Math.min(ink[index], 1 - coverage) : Math.max(ink[index], coverage);
    }
  }
}

// Paint the stroke's segments that end at points[from..]; from = 0 paints the first dot too.
function paintStroke(ink, size, stroke, from = 0) {
  const radius = strokeRadius(stroke);
  const points = stroke.points;
  if (from === 0) paintSegment(ink, size, points[0], points[0], radius, stroke.erase);
  for (let i = Math.max(1, from); i < points.length; i++) {
    paintSegment(ink, size, points[i - 1], points[i], radius, stroke.erase);
  }
}

// Strokes -> a new Float64Array (size x size) of white ink (1) on black paper (0).
function rasteriseStrokes(strokes, size = RASTER_SIZE) {
  const ink = new Float64Array(size * size);
  for (const stroke of strokes) paintStroke(ink, size, stroke);
  return ink;
}
