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
  /** One of DOCUMENT_TYPES (ocr/documentKind.ts). */
  type?: string;
  /** ISO 3166 alpha-3 code of the issuing state (ICAO codes such as UTO or EUE where the MRZ says so). */
  issuer?: string;
  mrz?: Record<string, string | null>;
  expiryDate?: string;
  expired?: boolean;
  /** False when the exchange does not take this document (a visa, a temporary ID card). */
  accepted?: boolean;
  /** Why it is not accepted: the document type, or `temporary`. */
  notAcceptedReason?: string;
}
