import { checklistFor, type ReminderSettings } from './reminderSettings';

/** What the reminder says: the restriction is over, then the short checklist of the user's cause. */
export function reminderMessage(t: (key: string) => string, settings: ReminderSettings, cause: string | null): string {
  return [t('reminders:due'), ...checklistFor(settings, cause).map((key) => t(key))].join('\n\n');
}
