import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DialogDataError } from './conversation/topicLoader';
import { infoSettingsSchema, type InfoSettings } from './diagnosis/info/infoSettings';
import { ocrSettingsSchema, type OcrSettings } from './diagnosis/ocr/ocrSettings';
import { PhotoSettingsSchema, type PhotoSettings } from './diagnosis/photo/photoSettings';
import { SelfieSettingsSchema, type SelfieSettings } from './diagnosis/selfie/selfieSettings';
import { DIALOGS_DIR } from './projectPaths';
import { reminderSettingsSchema, type ReminderSettings } from './reminders/reminderSettings';

/** Policy numbers from the playbook: the one place they live (DESIGN.md). */
export const policySchema = z.strictObject({
  failuresPerDayBeforeRestriction: z.number().int().min(1),
  restrictionHours: z.number().positive(),
  reviewMinutes: z.strictObject({ min: z.number().positive(), max: z.number().positive() }),
  ticketAfterMinutes: z.number().positive(),
  resubmissionSuccessRatePercent: z.number().min(0).max(100),
  minimumResolution: z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive() }),
});
export type Policy = z.infer<typeof policySchema>;

const settingsSchema = z.object({
  policy: policySchema,
  photo: PhotoSettingsSchema,
  ocr: ocrSettingsSchema,
  info: infoSettingsSchema,
  selfie: SelfieSettingsSchema,
  reminders: reminderSettingsSchema,
});

/** Every section of dialogs/settings.json, validated; the photo checks get the policy's resolution too. */
export interface Settings {
  policy: Policy;
  photo: PhotoSettings;
  ocr: OcrSettings;
  info: InfoSettings;
  selfie: SelfieSettings;
  reminders: ReminderSettings;
}

export const SETTINGS_FILE = path.join(DIALOGS_DIR, 'settings.json');

export function loadSettings(file: string = SETTINGS_FILE): Settings {
  const parsed = settingsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DialogDataError(`dialogs/settings.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  const { policy, photo, ocr, info, selfie, reminders } = parsed.data;
  return { policy, photo: { ...photo, minimumResolution: policy.minimumResolution }, ocr, info, selfie, reminders };
}

/** The policy numbers every text may interpolate, so no text hard-codes them. */
export function policyParams(policy: Policy, brand: string): Record<string, string | number> {
  return {
    brand,
    failuresPerDay: policy.failuresPerDayBeforeRestriction,
    restrictionHours: policy.restrictionHours,
    reviewMin: policy.reviewMinutes.min,
    reviewMax: policy.reviewMinutes.max,
    ticketAfterMinutes: policy.ticketAfterMinutes,
    minWidth: policy.minimumResolution.width,
    minHeight: policy.minimumResolution.height,
    successRate: policy.resubmissionSuccessRatePercent,
  };
}
