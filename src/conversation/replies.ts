import { ActionTypes, ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';

/** A text message, with buttons when `choices` is given (suggested actions that post their label back). */
export function message(text: string, choices?: readonly string[]): Partial<Activity> {
  if (!choices?.length) return MessageFactory.text(text);
  return MessageFactory.suggestedActions(
    choices.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
    text,
  );
}

export async function sendText(context: TurnContext, text: string, choices?: readonly string[]): Promise<void> {
  await context.sendActivity(message(text, choices));
}

/** Lets the user see the bot is working while a slow step (a photo check) runs. */
export async function sendTyping(context: TurnContext): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Typing });
}

/**
 * A text with a button that stays on the message: suggested actions show only under the last
 * message, and a language offer comes before the answer to the message that prompted it.
 */
export async function sendTextWithCardButton(context: TurnContext, text: string, button: string): Promise<void> {
  await sendTextWithCardButtons(context, text, [button]);
}

/** A text with a row of buttons on a card (the 1–5 rating): they stay on the message, and each posts its label. */
export async function sendTextWithCardButtons(
  context: TurnContext,
  text: string,
  buttons: readonly string[],
): Promise<void> {
  const actions = buttons.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
  await context.sendActivity({
    ...MessageFactory.text(text),
    attachments: [CardFactory.heroCard('', undefined, actions)],
  });
}
