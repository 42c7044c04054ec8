import type { Box } from '../photo/checkResult';

/** An 8-bit greyscale raster, one byte per pixel, row after row. */
export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Tesseract page segmentation modes the diagnosis uses. */
export type PageSegmentation = 'auto' | 'block' | 'line' | 'sparse';

export interface OcrJob {
  image: GreyImage;
  segmentation: PageSegmentation;
  /** Characters tesseract may output; everything when absent. */
  whitelist?: string;
}

export interface OcrWord {
  text: string;
  /** 0..100 */
  confidence: number;
  /** In the coordinates of the job's image. */
  box: Box;
}

export interface OcrLine {
  text: string;
  confidence: number;
  box: Box;
  words: OcrWord[];
}

export interface OcrOutput {
  text: string;
  confidence: number;
  lines: OcrLine[];
}

/** What the checks need from a pool; lets tests and the orchestrator substitute their own. */
export interface OcrEngine {
  recognize(job: OcrJob): Promise<OcrOutput>;
}
