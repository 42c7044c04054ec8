import { ActivityTypes, Channels, EndOfConversationCodes } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { matchChoice } from './choiceMatch';
import type { InfoCheckStores } from './infoCheckDialog';
import { sendText } from './replies';
import type { ConversationServices } from './services';
import { inEveryLocale, turnEnv } from './turnEnv';

export const FORGET_ME_DIALOG = 'forgetMe';
/** botbuilder's enum value as the plain string an activity's channelId is. */
const DIRECT_LINE: string = Channels.Directline;

/**
 * "forget me": after a yes, deletes the user's bot state (language, attempts) and this
 * conversation's state, clears any values held for a running check, cancels a pending reminder,
 * and anonymises the user's tickets (agents keep the cause and check results, not the person).
 */
export class ForgetMeDialog extends Dialog {
  constructor(
    private readonly services: ConversationServices,
    private readonly sensitive: InfoCheckStores,
  ) {
    super(FORGET_ME_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    await sendText(dc.context, env.t('tickets:forget.confirm'), [
      env.t('tickets:forget.yes'),
      env.t('tickets:forget.no'),
    ]);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const picked = matchChoice(dc.context.activity.text ?? '', [
      inEveryLocale(this.services, 'tickets:forget.yes'),
      inEveryLocale(this.services, 'tickets:forget.no'),
    ]);
    if (picked !== 0) {
      await sendText(dc.context, env.t('tickets:forget.kept'));
      return dc.endDialog(false);
    }
    const { activity } = dc.context;
    const userKey = this.services.userKey(activity.channelId, activity.from.id);
    const count = await this.services.tickets.anonymiseByUserKey(userKey);
    // A pending reminder holds the conversation reference: it goes too, and is never sent.
    await this.services.reminders?.store.cancelForUser(userKey);
    this.sensitive.typed.delete(activity.conversation.id);
    this.sensitive.documents.delete(activity.conversation.id);
    const result = await dc.endDialog(true);
    // Deleted after the dialog ends, so the ended stack is not written back over the deletion.
    await this.services.state.conversationState.delete(dc.context);
    await this.services.state.userState.delete(dc.context);
    await sendText(dc.context, env.t('tickets:forget.done', { count }));
    // A Direct Line channel keeps the transcript itself; ending the conversation lets it delete that
    // too (the local Direct Line does at once). Other channels own their history and get nothing.
    if (activity.channelId === DIRECT_LINE)
      await dc.context.sendActivity({
        type: ActivityTypes.EndOfConversation,
        code: EndOfConversationCodes.CompletedSuccessfully,
      });
    return result;
  }
}
