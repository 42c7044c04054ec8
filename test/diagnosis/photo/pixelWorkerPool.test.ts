import { strict as assert } from 'node:assert';
import { findDocument } from '../../../src/diagnosis/photo/documentLocator';
import { measureDocument } from '../../../src/diagnosis/photo/documentMeasures';
import type { GreyImage } from '../../../src/diagnosis/photo/greyImage';
import { loadSettings } from '../../../src/settings';
import { PixelWorkerPool } from '../../../src/diagnosis/photo/pixelWorkerPool';

const settings = loadSettings().photo;

/** A light card with dark text stripes and one round blown spot, on a dark table. */
function card(): GreyImage {
  const width = 400;
  const height = 300;
  const data = new Uint8Array(width * height).fill(40);
  for (let y = 60; y < 240; y++) {
    for (let x = 80; x < 330; x++) data[y * width + x] = y % 12 < 3 && x > 100 && x < 300 ? 30 : 220;
  }
  for (let y = 195; y < 225; y++)
    for (let x = 195; x < 235; x++) if ((x - 215) ** 2 / 400 + (y - 210) ** 2 / 225 <= 1) data[y * width + x] = 255;
  return { data, width, height };
}

describe('PixelWorkerPool', () => {
  const pool = new PixelWorkerPool(2);
  after(() => pool.close());

  it('gives the same answers in worker threads as in-process', async () => {
    const image = card();
    assert.deepEqual(await pool.locate(image, settings.framing), findDocument(image, settings.framing));
    const inProcess = measureDocument(image, image, settings.glare);
    const inWorker = await pool.measure(image, image, settings.glare);
    assert.equal(inWorker.sharpness, inProcess.sharpness);
    assert.deepEqual(inWorker.glare, inProcess.glare);
    assert.deepEqual(Array.from(inWorker.histogram), Array.from(inProcess.histogram));
    assert.equal(inWorker.glare.spots.length, 1);
  });

  it('runs more jobs than workers through its queue', async () => {
    const image = card();
    const results = await Promise.all(Array.from({ length: 7 }, () => pool.locate(image, settings.framing)));
    for (const result of results) assert.deepEqual(result.box, { left: 80, top: 60, width: 250, height: 180 });
  });

  it('starts fresh workers after being closed', async () => {
    await pool.close();
    assert.equal((await pool.locate(card(), settings.framing)).found, true);
  });
});
