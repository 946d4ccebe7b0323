// A drawing -> an MNIST-like 28x28 digit, the same steps and names as digits/preprocess.py:
// inkOnBlack, cropToInk, fitInBox (area average into the 20-pixel box), centreByMass.
// A picture is {data: a typed array of numbers in [0, 1] (row by row), height, width}. Change both
// files together.

const DIGIT_BOX = 20;
const IMAGE_SIZE = 28;
const MIN_CONTRAST = 0.1; // below this, ink and paper cannot be told apart: nothing drawn
const CROP_THRESHOLD = 0.05;

// Python's round(): halves go to the even neighbour (Math.round sends them up).
function roundHalfEven(value) {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function median(values) {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function maximum(values) {
  let largest = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > largest) largest = values[i];
  return largest;
}

// Make the paper 0 and the strongest ink 1, inverting dark ink on light paper; null if no ink.
function inkOnBlack(grey) {
  const { data, height, width } = grey;
  const border = [];
  for (let col = 0; col < width; col++) border.push(data[col], data[(height - 1) * width + col]);
  for (let row = 0; row < height; row++) border.push(data[row * width], data[row * width + width - 1]);
  let paper = median(border);
  const invert = paper > 0.5;
  if (invert) paper = 1 - paper;
  // The pad's ink is already white on black paper, its strongest pixel 1 (the pen's centre): the
  // steps below would give back the same numbers, so skip the copy (half of this function's time).
  if (paper === 0 && !invert && maximum(data) === 1) return grey;
  const ink = new Float64Array(data.length);
  let strongest = 0;
  for (let i = 0; i < data.length; i++) {
    ink[i] = Math.max(0, (invert ? 1 - data[i] : data[i]) - paper);
    strongest = Math.max(strongest, ink[i]);
  }
  if (strongest < MIN_CONTRAST) return null;
  for (let i = 0; i < ink.length; i++) ink[i] /= strongest;
  return { data: ink, height, width };
}

function cropToInk(ink) {
  const { data, height, width } = ink;
  let top = height, bottom = -1, left = width, right = -1;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      if (data[row * width + col] > CROP_THRESHOLD) {
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        left = Math.min(left, col);
        right = Math.max(right, col);
      }
    }
  }
  const cropped = { data: new Float64Array((bottom - top + 1) * (right - left + 1)), height: bottom - top + 1, width: right - left + 1 };
  for (let row = top; row <= bottom; row++) {
    cropped.data.set(data.subarray(row * width + left, row * width + right + 1), (row - top) * cropped.width);
  }
  return cropped;
}

// Weights of an area average, as digits/preprocess.py (area_weights): weights[k][j] is how much of
// input pixel j the output pixel k covers, divided by the span it covers.
function areaWeights(sizeIn, sizeOut) {
  const step = sizeIn / sizeOut;
  const weights = [];
  for (let k = 0; k < sizeOut; k++) {
    const start = k * step;
    const row = [];
    for (let j = Math.floor(start); j < Math.min(sizeIn, Math.ceil(start + step)); j++) {
      const overlap = Math.min(j + 1, start + step) - Math.max(j, start);
      if (overlap > 0) row.push([j, overlap / step]);
    }
    weights.push(row);
  }
  return weights;
}

// Scale so the longer side is DIGIT_BOX pixels, keeping the aspect ratio (area average).
function fitInBox(ink, box = DIGIT_BOX) {
  const { data, height, width } = ink;
  const scale = box / Math.max(height, width);
  const newHeight = Math.max(1, roundHalfEven(height * scale));
  const newWidth = Math.max(1, roundHalfEven(width * scale));
  const rowWeights = areaWeights(height, newHeight);
  const colWeights = areaWeights(width, newWidth);
  // Rows first (height x width -> newHeight x width), then columns.
  const half = new Float64Array(newHeight * width);
  for (let k = 0; k < newHeight; k++) {
    for (const [j, weight] of rowWeights[k]) {
      for (let col = 0; col < width; col++) half[k * width + col] += weight * data[j * width + col];
    }
  }
  const resized = new Float64Array(newHeight * newWidth);
  for (let row = 0; row < newHeight; row++) {
    for (let k = 0; k < newWidth; k++) {
      let sum = 0;
      for (const [j, weight] of colWeights[k]) sum += weight * half[row * width + j];
      resized[row * newWidth + k] = Math.min(1, Math.max(0, sum));
    }
  }
  return { data: resized, height: newHeight, width: newWidth };
}

// Place the digit in a size x size Float32Array with its centre of mass at the centre.
function centreByMass(digit, size = IMAGE_SIZE) {
  const { data, height, width } = digit;
  let mass = 0, rowMoment = 0, colMoment = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const value = data[row * width + col];
      mass += value;
      rowMoment += row * value;
      colMoment += col * value;
    }
  }
  const top = roundHalfEven(size / 2 - rowMoment / mass);
  const left = roundHalfEven(size / 2 - colMoment / mass);
  const image = new Float32Array(size * size);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const r = row + top, c = col + left;
      if (r >= 0 && r < size && c >= 0 && c < size) image[r * size + c] = data[row * width + col];
    }
  }
  return image;
}

// A grey picture -> the MNIST-like digit (Float32Array of 784 in [0, 1]), or null if no ink.
function preprocessDigit(grey) {
  const ink = inkOnBlack(grey);
  if (ink === null) return null;
  return centreByMass(fitInBox(cropToInk(ink)));
}
