import { ConversationGoneError } from '../channels/directline/conversationGoneError';
import type { Localizer } from '../i18n/localizer';
import { resolveLocale } from '../i18n/resolveLocale';
import { bindTranslate } from '../conversation/services';
import { reminderMessage } from '../reminders/reminderMessage';
import type { ReminderDelivery } from '../reminders/reminderScheduler';
import type { ReminderSettings } from '../reminders/reminderSettings';
import { policyParams, type Policy } from '../settings';
import { sendProactive, type ProactiveRoute } from './proactiveMessage';

export interface ReminderDeliveryOptions {
  localizer: Localizer;
  policy: Policy;
  brandName: string;
  settings: ReminderSettings;
  route: ProactiveRoute;
}

/**
 * Sends a due reminder into the user's conversation, in their language, as agent replies travel:
 * `continueConversationAsync` on the adapter that owns the channel. `notNow` (the scheduler
 * retries) when no route leads there now, `conversationGone` when the local page's conversation
 * has ended (the reminder then waits for the user's next message); any other failure throws.
 */
export function createReminderDelivery(options: ReminderDeliveryOptions): ReminderDelivery {
  const params = policyParams(options.policy, options.brandName);
  return async (reminder) => {
    const locale = resolveLocale(reminder.locale, options.localizer.defaultLocale);
    const t = bindTranslate(options.localizer.t(locale), params);
    const text = reminderMessage((key) => t(key), options.settings, reminder.cause);
    try {
      return (await sendProactive(options.route, reminder.conversationReference, text)) ? 'sent' : 'notNow';
    } catch (error) {
      if (error instanceof ConversationGoneError) return 'conversationGone';
      throw error;
    }
  };
}
