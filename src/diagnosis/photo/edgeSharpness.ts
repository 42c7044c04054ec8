import type { GreyImage } from './greyImage';
import { histogram, percentile } from './greyImage';

/**
 * Sharpness as total |second difference| over total |first difference| on edge pixels, taken
 * across columns and across rows separately and the smaller kept, so that camera shake along
 * one direction is caught even when edges along the other stay crisp. For a step edge blurred by
 * a Gaussian of width sigma the ratio is about 0.8 / sigma whatever the contrast, the amount of
 * text or the exposure, which a bare variance of the Laplacian is not. Pixels flatter than a few
 * percent of the image's range are left out so sensor and JPEG noise do not count as detail.
 * Computed in JavaScript on 8-bit input because sharp's convolve() clips negative responses.
 */
export function edgeSharpness(image: GreyImage): number {
  const { data, width, height } = image;
  const counts = histogram(image);
  const range = Math.max(1, percentile(counts, 0.99) - percentile(counts, 0.01));
  const minGradient = 0.06 * range;
  let secondX = 0;
  let firstX = 0;
  let secondY = 0;
  let firstY = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const at = row + x;
      const centre = data[at];
      const left = data[at - 1];
      const right = data[at + 1];
      const up = data[at - width];
      const down = data[at + width];
      const gradientX = Math.abs(right - left) / 2;
      if (gradientX >= minGradient) {
        firstX += gradientX;
        secondX += Math.abs(left + right - 2 * centre);
      }
      const gradientY = Math.abs(down - up) / 2;
      if (gradientY >= minGradient) {
        firstY += gradientY;
        secondY += Math.abs(up + down - 2 * centre);
      }
    }
  }
  if (firstX === 0 || firstY === 0) return 0;
  return Math.min(secondX / firstX, secondY / firstY);
}
