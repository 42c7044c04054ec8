/**
 * MRZ read rate on the public specimen documents in ../shared/photos/specimens (when present):
 * how many images our `mrz` check passes (every check digit valid) next to how many
 * PassportEye scored 100 (the number before `_` in the file name). Each image goes through
 * the whole diagnosis from its bytes (decode, document location, text checks); the same
 * text checks on the whole image are printed beside it, to tell locating misses from OCR ones.
 *
 *   npx tsx bench/mrzSpecimens.ts [best_int|standard]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { OcrPool } from '../src/diagnosis/ocr/ocrPool';
import { ocrSettingsSchema } from '../src/diagnosis/ocr/ocrSettings';
import { createTextChecks } from '../src/diagnosis/ocr/textChecks';
import { diagnosePhoto } from '../src/diagnosis/photo/diagnosePhoto';
import type { DocumentImage } from '../src/diagnosis/photo/documentImage';
import { loadSettings } from '../src/settings';

const SPECIMENS = path.resolve(__dirname, '../../shared/photos/specimens');
const MAX_BYTES = 15 * 1024 * 1024;

/** The whole photo as the document region, greyscale, at the width the orchestrator uses. */
async function wholeImageAsDocument(file: string, documentWidth: number): Promise<DocumentImage> {
  const { data, info } = await sharp(file)
    .rotate()
    .toColourspace('b-w')
    .resize({ width: documentWidth })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const meta = await sharp(file).rotate().metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? info.width;
  const height = meta.autoOrient?.height ?? meta.height ?? info.height;
  return { data, width: info.width, height: info.height, box: { left: 0, top: 0, width, height } };
}

async function main(): Promise<void> {
  if (!fs.existsSync(SPECIMENS)) {
    console.log(`skipped: no specimens at ${SPECIMENS}`);
    return;
  }
  const configured = loadSettings().ocr;
  const settings = {
    ...configured,
    model: ocrSettingsSchema.shape.model.catch(configured.model).parse(process.argv[2]),
  };
  console.log(`model ${settings.model}`);
  const photoSettings = loadSettings().photo;
  const pool = await OcrPool.create({ ...settings, size: os.availableParallelism(), maxQueue: 64 });
  const textChecks = createTextChecks(pool, settings);
  const files = fs
    .readdirSync(SPECIMENS)
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort();
  let viaPipeline = 0;
  let viaWholeImage = 0;
  let theirs = 0;
  const status = (checks: { id: string; status: string; measured: unknown }[], id: string): string => {
    const check = checks.find((c) => c.id === id);
    return check ? `${check.status}(${String(check.measured)})` : '-';
  };
  try {
    for (const file of files) {
      const score = /^(\d+)_/.exec(file)?.[1];
      if (score === '100') theirs++;
      const bytes = fs.readFileSync(path.join(SPECIMENS, file));
      const started = performance.now();
      const diagnosis = await diagnosePhoto(bytes, { settings: photoSettings, maxBytes: MAX_BYTES, textChecks });
      const ms = Math.round(performance.now() - started);
      const whole = await textChecks(
        await wholeImageAsDocument(path.join(SPECIMENS, file), photoSettings.documentImageWidth),
      );
      if (diagnosis.checks.find((c) => c.id === 'mrz')?.status === 'pass') viaPipeline++;
      if (whole.checks.find((c) => c.id === 'mrz')?.status === 'pass') viaWholeImage++;
      console.log(
        `${file.padEnd(22)} PassportEye ${(score ?? '-').padStart(3)} | pipeline ${String(ms).padStart(5)} ms mrz=${status(diagnosis.checks, 'mrz')}` +
          ` legibility=${status(diagnosis.checks, 'legibility')} expiry=${status(diagnosis.checks, 'expiry')} | whole image mrz=${status(whole.checks, 'mrz')}`,
      );
    }
  } finally {
    await pool.close();
  }
  console.log(
    `\nmrz check passes: ${viaPipeline}/${files.length} through the full diagnosis, ${viaWholeImage}/${files.length} on the whole image;` +
      ` PassportEye scored 100 on ${theirs}/${files.length}`,
  );
}

void main();
