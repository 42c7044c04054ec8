import type { DocumentType, InfoValues, MrzInfo } from './infoCheck';

/** What a checked photo told us about the document, kept in memory for 15 minutes for this check. */
export interface DocumentReading {
  documentType?: DocumentType;
  values: InfoValues;
  mrz?: MrzInfo;
}
