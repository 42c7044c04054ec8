import type { Box } from './checkResult';

/** The document region, handed to the OCR-based checks: 8-bit greyscale, one byte a pixel. */
export interface DocumentImage {
  data: Buffer;
  width: number;
  height: number;
  /** Where the region lies in the EXIF-oriented full image. */
  box: Box;
}

/** What the text checks learnt about the document; never logged, masked at the HTTP edge. */
export interface DocumentFacts {
  type?: string;
  /** ISO 3166 alpha-3 code of the issuing state (ICAO codes such as UTO or EUE where the MRZ says so). */
  issuer?: string;
  mrz?: Record<string, string | null>;
  expiryDate?: string;
  expired?: boolean;
}
