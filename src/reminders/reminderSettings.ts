import { z } from 'zod';

const textKeys = z.array(z.string().regex(/^[a-z][a-zA-Z]*:[A-Za-z0-9_.]+$/, 'expected "namespace:key"')).min(1);

/** `reminders` in dialogs/settings.json: what a reminder says per cause, and how delivery is retried. */
export const reminderSettingsSchema = z.strictObject({
  /** The short checklist each cause's reminder brings: i18n keys of the cause's own fix texts. */
  checklists: z.record(z.string(), textKeys),
  /** For a restriction whose cause the bot never learnt. */
  generalChecklist: textKeys,
  pollSeconds: z.number().positive(),
  /** How long a claimed reminder stays one scheduler's; far longer than one send takes. */
  leaseSeconds: z.number().positive(),
  batchSize: z.number().int().min(1),
  /** A reminder held for a user whose conversation was gone is dropped after this many days without them. */
  heldDays: z.number().positive(),
  retry: z.strictObject({
    /** Deliveries tried before the reminder is dropped. */
    maxAttempts: z.number().int().min(1),
    firstDelaySeconds: z.number().positive(),
    maxDelaySeconds: z.number().positive(),
  }),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** Every i18n key a reminder may say, for the startup validator. */
export function reminderChecklistKeys(settings: ReminderSettings): string[] {
  return [...new Set([...Object.values(settings.checklists).flat(), ...settings.generalChecklist])];
}

/** The checklist keys of a cause, or the general ones. */
export function checklistFor(settings: ReminderSettings, cause: string | null): readonly string[] {
  return (cause === null ? undefined : settings.checklists[cause]) ?? settings.generalChecklist;
}
