import type { Activity, TurnContext } from 'botbuilder';
import { adviseResubmit } from '../policy/attemptPolicy';
import { formatUserTime, userClockFrom } from '../policy/localTime';
import { reminderMessage } from '../reminders/reminderMessage';
import type { StoredConversationReference } from '../reminders/reminderStore';
import { sendText, sendTextWithCardButton } from './replies';
import type { ConversationServices } from './services';
import { CAUSE_IDS } from './topicSchema';
import type { TurnEnv } from './turnEnv';

/** The restriction's own topic says nothing about why the attempts failed. */
const NOT_A_FAILURE_CAUSE = 'attempts_limited';

/**
 * The parts of the conversation reference a proactive message needs: ids, the channel and its
 * service URL. Names (the user's, the conversation's, the bot's) are left out.
 */
function storedReference(activity: Activity): StoredConversationReference {
  const { id, tenantId, conversationType, isGroup } = activity.conversation;
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: { id, tenantId, conversationType, isGroup },
    bot: { id: activity.recipient.id },
    user: { id: activity.from.id },
  };
}

function isFailureCause(topic: string): boolean {
  const causes: readonly string[] = CAUSE_IDS;
  return topic !== NOT_A_FAILURE_CAUSE && causes.includes(topic);
}

/** The failure cause the user last worked on in this conversation, if any. */
function causeOf(env: TurnEnv): string | null {
  const topics = [...env.data.journey.map((entry) => entry.topic)].reverse();
  if (env.data.currentTopic) topics.unshift(env.data.currentTopic);
  return topics.find(isFailureCause) ?? null;
}

function userTime(context: TurnContext, env: TurnEnv, at: number): string {
  const { localTimezone, localTimestamp, entities } = context.activity;
  return formatUserTime(at, userClockFrom(localTimezone, localTimestamp, entities), env.locale);
}

/** Under the restriction message: the reminder button, when this conversation can be written to later. */
export async function offerReminder(context: TurnContext, env: TurnEnv, services: ConversationServices): Promise<void> {
  if (!services.reminders?.reachable(context)) return;
  await sendTextWithCardButton(context, env.t('reminders:offer'), env.t('reminders:remindMe'));
}

/**
 * Schedules the reminder for the end of the restriction (`until`) and says when, in the user's
 * own time; where the bot cannot write first it says so, with the time to come back.
 */
export async function scheduleReminder(
  context: TurnContext,
  env: TurnEnv,
  services: ConversationServices,
  until: number,
): Promise<void> {
  const time = userTime(context, env, until);
  const reminders = services.reminders;
  if (!reminders?.reachable(context)) {
    await sendText(context, env.t('reminders:unavailable', { time }));
    return;
  }
  const { activity } = context;
  await reminders.store.schedule({
    userKey: services.userKey(activity.channelId, activity.from.id),
    conversationReference: storedReference(activity),
    locale: env.locale,
    cause: causeOf(env),
    dueAt: new Date(until),
  });
  env.profile.reminderDueAt = until;
  await sendTextWithCardButton(context, env.t('reminders:scheduled', { time }), env.t('reminders:cancelButton'));
}

/**
 * "remind me": with a restriction known, schedules the reminder; without one, says there is
 * nothing to wait for. Returns false when the bot does not know the attempts yet (the caller asks).
 */
export async function remindWhenRestrictionEnds(
  context: TurnContext,
  env: TurnEnv,
  services: ConversationServices,
): Promise<boolean> {
  const known = env.profile.attempts;
  if (!known) return false;
  const advice = adviseResubmit(known, services.policy, services.now());
  if (advice.kind === 'restricted') await scheduleReminder(context, env, services, advice.until);
  else await sendText(context, env.t('reminders:notRestricted'));
  return true;
}

/** "cancel reminder". */
export async function cancelReminder(
  context: TurnContext,
  env: TurnEnv,
  services: ConversationServices,
): Promise<void> {
  const { activity } = context;
  const cancelled =
    (await services.reminders?.store.cancelForUser(services.userKey(activity.channelId, activity.from.id))) ?? 0;
  env.profile.reminderDueAt = undefined;
  await sendText(context, env.t(cancelled > 0 ? 'reminders:cancelled' : 'reminders:noneToCancel'));
}

/**
 * A cause topic started while a reminder waits ("Prepare my next attempt" → the cause): the
 * reminder will bring that cause's checklist.
 */
export async function reminderFollowsCause(
  context: TurnContext,
  env: TurnEnv,
  services: ConversationServices,
  topicId: string,
): Promise<void> {
  const due = env.profile.reminderDueAt;
  // Past its time the reminder has gone out or waits to be shown (`showHeldReminder` clears the mark).
  if (due === undefined || !services.reminders || !isFailureCause(topicId) || due <= services.now()) return;
  const { activity } = context;
  await services.reminders.store.updateCause(services.userKey(activity.channelId, activity.from.id), topicId);
}

/**
 * A reminder that found its conversation gone (the local page keeps one for hours, the restriction
 * lasts a day) is shown the next time the user writes, in whatever conversation: once, in the
 * language they use now, with their cause's checklist. Only users whose reminder is past its time
 * cost a lookup, and only until it is shown or known to be sent.
 */
export async function showHeldReminder(
  context: TurnContext,
  env: TurnEnv,
  services: ConversationServices,
): Promise<void> {
  const due = env.profile.reminderDueAt;
  const reminders = services.reminders;
  if (due === undefined || !reminders || due > services.now()) return;
  const { activity } = context;
  const userKey = services.userKey(activity.channelId, activity.from.id);
  // Taking deletes it, so of two processes only one shows it.
  const held = await reminders.store.takeHeld(userKey);
  if (held)
    await sendText(
      context,
      reminderMessage((key) => env.t(key), reminders.settings, held.cause),
    );
  // Shown, sent into its own conversation, or dropped: nothing is left to wait for. Still being tried: ask again next turn.
  if (held || (await reminders.store.pendingFor(userKey)) === undefined) env.profile.reminderDueAt = undefined;
}
