import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Localizer } from '../i18n/localizer';
import { resolveLocale } from '../i18n/resolveLocale';
import type { StateAccessors } from '../conversation/conversationState';

/**
 * Last resort for a turn that threw: log where (ids and the error, never the user's text), tell
 * the user in their language, and reset the dialog stack so the next message starts cleanly.
 * Everything else in the conversation (photo results, the journey) is kept.
 */
export function createTurnErrorHandler(logger: Logger, localizer: Localizer, state: StateAccessors) {
  return async (context: TurnContext, error: unknown): Promise<void> => {
    const err = error instanceof Error ? error : new Error(String(error));
    logger.error(
      {
        err,
        conversationId: context.activity.conversation?.id,
        channelId: context.activity.channelId,
        activityType: context.activity.type,
      },
      'turn failed',
    );
    try {
      const locale = resolveLocale(context.activity.locale, localizer.defaultLocale);
      if (context.activity.type === 'message') await context.sendActivity(localizer.t(locale)('chat:errors.generic'));
      await state.dialogState.delete(context);
      await state.conversationState.saveChanges(context, true);
    } catch (inner) {
      logger.error(
        { err: inner, conversationId: context.activity.conversation?.id },
        'could not recover from a failed turn',
      );
    }
  };
}
