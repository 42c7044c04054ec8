import { ActivityHandler, ActivityTypes, CardFactory, MessageFactory } from 'botbuilder';
import { readLocalAttachment } from '../../../src/channels/directline/localDirectLine';

/**
 * A tiny bot for channel tests: welcomes, echoes text, offers suggested actions on "options", an
 * Adaptive Card on "card", types for a while on "slow", reports uploads it can read in-process,
 * and answers the page's `setLocale` event.
 */
export class EchoBot extends ActivityHandler {
  readonly seenLocales: string[] = [];

  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      const others = (context.activity.membersAdded ?? []).filter(
        (member) => member.id !== context.activity.recipient.id,
      );
      if (others.length > 0) await context.sendActivity(`welcome (${context.activity.locale ?? 'no locale'})`);
      await next();
    });
    this.onMessage(async (context, next) => {
      const { text, attachments, locale } = context.activity;
      if (locale) this.seenLocales.push(locale);
      if (attachments && attachments.length > 0) {
        for (const attachment of attachments) {
          const bytes = attachment.contentUrl ? readLocalAttachment(attachment.contentUrl) : undefined;
          await context.sendActivity(
            `received ${attachment.name ?? 'file'}: ${bytes ? `${bytes.length} bytes` : 'unreadable'}`,
          );
        }
      } else if (context.activity.value !== undefined) {
        const value: unknown = context.activity.value;
        const choice =
          typeof value === 'object' && value !== null && 'choice' in value ? String(value.choice) : 'nothing';
        await context.sendActivity(`submitted choice ${choice}`);
      } else if (text === 'card') {
        await context.sendActivity(
          MessageFactory.attachment(
            CardFactory.adaptiveCard({
              type: 'AdaptiveCard',
              version: '1.5',
              body: [{ type: 'TextBlock', text: 'Photo check results', weight: 'Bolder', wrap: true }],
              actions: [{ type: 'Action.Submit', title: 'Looks good', data: { choice: 'ok' } }],
            }),
          ),
        );
      } else if (text === 'slow') {
        await context.sendActivity({ type: ActivityTypes.Typing });
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await context.sendActivity('done slowly');
      } else if (text === 'options') {
        await context.sendActivity(MessageFactory.suggestedActions(['red', 'blue'], 'pick a colour'));
      } else if (text === 'fail') {
        throw new Error('the echo bot was asked to fail');
      } else {
        await context.sendActivity(`echo: ${text ?? ''}`);
      }
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === 'setLocale')
        await context.sendActivity(`locale set to ${String(context.activity.value)}`);
      await next();
    });
  }
}
