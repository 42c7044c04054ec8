import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Localizer } from '../i18n/localizer';
import { resolveLocale } from '../i18n/resolveLocale';
import type { StateAccessors } from '../conversation/conversationState';
import type { TurnLock } from './turnLock';
import { turnLockKeys } from './turnLockKeys';

/**
 * Last resort for a turn that threw: log where (ids and the error, never the user's text), tell
 * the user in their language, and reset the dialog stack so the next message starts cleanly.
 * Everything else in the conversation (photo results, the journey) is kept. The reset re-reads the
 * state under the turn lock, so it cannot overwrite what a turn saved after the failed one.
 */
export function createTurnErrorHandler(
  logger: Logger,
  localizer: Localizer,
  state: StateAccessors,
  turnLock: TurnLock,
) {
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
      await turnLock.run(turnLockKeys(context.activity), async () => {
        await state.conversationState.load(context, true);
        await state.dialogState.delete(context);
        await state.conversationState.saveChanges(context, true);
      });
    } catch (inner) {
      logger.error(
        { err: inner, conversationId: context.activity.conversation?.id },
        'could not recover from a failed turn',
      );
    }
  };
}
