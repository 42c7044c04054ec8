import type { DocumentReading } from './info/documentReading';
import type { PhotoDiagnosis } from './photo/diagnosePhoto';

/** Runs the photo checks on bytes already in memory; throws PhotoInputError or OverloadedError. */
export interface PhotoDiagnoser {
  diagnose(bytes: Buffer): Promise<PhotoDiagnosis & { reading?: DocumentReading }>;
}
