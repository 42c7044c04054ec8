import type { GreyImage } from '../photo/greyImage';

/** Sum of every pixel above and left of (x, y), exclusive, in a (width + 1) x (height + 1) table. */
function integralImage(image: GreyImage): Float64Array {
  const { data, width, height } = image;
  const stride = width + 1;
  const sums = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x];
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
    }
  }
  return sums;
}

/**
 * Dark-on-light ink by a local mean threshold (Bradley): a pixel is ink when it is `darkerBy`
 * below the mean of the `window` around it, so uneven light and a shadow across the document
 * do not swallow the text the way one global threshold would. 1 = ink.
 */
export function inkMask(image: GreyImage, window: number, darkerBy: number): Uint8Array {
  const { data, width, height } = image;
  const stride = width + 1;
  const sums = integralImage(image);
  const half = Math.max(1, Math.floor(window / 2));
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const top = Math.max(0, y - half);
    const bottom = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const left = Math.max(0, x - half);
      const right = Math.min(width, x + half + 1);
      const area = (bottom - top) * (right - left);
      const sum =
        sums[bottom * stride + right] -
        sums[top * stride + right] -
        sums[bottom * stride + left] +
        sums[top * stride + left];
      if (data[y * width + x] * area < sum * (1 - darkerBy)) mask[y * width + x] = 1;
    }
  }
  return mask;
}

/** The same threshold as a printable black-on-white raster, for OCR of a band with uneven light. */
export function binarise(image: GreyImage, window: number, darkerBy: number): GreyImage {
  const mask = inkMask(image, window, darkerBy);
  const data = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) data[i] = mask[i] ? 0 : 255;
  return { data, width: image.width, height: image.height };
}
