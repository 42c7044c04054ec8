import { strict as assert } from 'node:assert';
import { findGlareSpots } from '../../../src/diagnosis/photo/glareSpots';
import type { GreyImage } from '../../../src/diagnosis/photo/greyImage';

const options = { blownLevel: 250, minSpotFraction: 0.0008, textBandFraction: 0.3 };

function page(draw: (x: number, y: number) => boolean): GreyImage {
  const width = 500;
  const height = 320;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = draw(x, y) ? 255 : 215;
  return { data, width, height };
}

describe('findGlareSpots', () => {
  it('finds a round blown-out blob and places it in the bottom text band', () => {
    const spots = findGlareSpots(
      page((x, y) => ((x - 250) / 40) ** 2 + ((y - 260) / 25) ** 2 <= 1),
      options,
    );
    assert.equal(spots.spots.length, 1);
    assert.ok(spots.fraction > 0.015 && spots.fraction < 0.025, String(spots.fraction));
    assert.ok(spots.textBandFraction > 0.9 * spots.fraction);
  });

  it('does not take a printed white strip or a white form field for glare', () => {
    const strip = findGlareSpots(
      page((_x, y) => y >= 100 && y < 104),
      options,
    );
    const field = findGlareSpots(
      page((x, y) => x >= 100 && x < 220 && y >= 150 && y < 175),
      options,
    );
    assert.deepEqual([strip.spots.length, field.spots.length], [0, 0]);
  });
});
