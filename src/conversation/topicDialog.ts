import { parseFailureCount } from '../policy/attemptPolicy';
import type { TurnContext } from 'botbuilder';
import {
  Dialog,
  DialogReason,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { cursorOf } from './dialogCursor';
import { matchChoice } from './choiceMatch';
import { JOURNEY_LIMIT } from './conversationState';
import { sendText } from './replies';
import type { ConversationServices } from './services';
import type { Step, Topic } from './topicSchema';
import { failedSelfieChecks } from './selfieFailures';
import { inEveryLocale, turnEnv } from './turnEnv';
import { beginWalkthrough, endWalkthrough } from './walkthroughOutcome';
import { askForRating } from './satisfaction';
import { reminderFollowsCause } from './reminderActions';

export const TOPIC_DIALOG = 'topic';
/** Child dialogs that topic steps start; they return to the topic when done. */
export const ATTEMPTS_DIALOG = 'attempts';
export const PHOTO_CHECK_DIALOG = 'photoCheck';
export const SELFIE_CHECK_DIALOG = 'selfieCheck';
export const INFO_CHECK_DIALOG = 'infoCheck';
export const ESCALATION_DIALOG = 'escalate';

export interface TopicDialogOptions {
  topicId: string;
  /**
   * How many failures today the message that started the topic already told ("failed 3 times"),
   * read up front so that the message itself is never kept in the persisted dialog state.
   */
  toldFailures?: number;
  /** Reached by a `goto`: the walk-through under way goes on (see beginWalkthrough). */
  continued?: boolean;
}

/** The cursor of a walk-through, kept in `activeDialog.state` so it survives restarts. */
interface TopicCursor {
  topicId: string;
  stepId: string;
  toldFailures?: number;
}

function isTopicDialogOptions(value: unknown): value is TopicDialogOptions {
  return typeof value === 'object' && value !== null && 'topicId' in value && typeof value.topicId === 'string';
}

/** Guards against data that loops through `say` steps without ever waiting for the user. */
const MAX_STEPS_PER_TURN = 50;

/**
 * Interprets one topic of dialogs/ as a conversation: says, asks with buttons, starts the photo,
 * information and attempts checks, escalates, and ends. The data is validated at startup, so a
 * missing step here is a bug, reported with the topic and step in the error.
 */
export class TopicDialog extends Dialog<TopicDialogOptions> {
  constructor(private readonly services: ConversationServices) {
    super(TOPIC_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: TopicDialogOptions): Promise<DialogTurnResult> {
    if (!isTopicDialogOptions(options)) throw new Error('TopicDialog needs a topicId');
    const topic = this.topic(options.topicId);
    const cursor: TopicCursor = { topicId: topic.id, stepId: topic.start, toldFailures: options.toldFailures };
    if (dc.activeDialog) dc.activeDialog.state = cursor;
    const env = await turnEnv(dc.context, this.services);
    env.data.currentTopic = topic.id;
    beginWalkthrough(this.services, env, topic, options.continued === true);
    await reminderFollowsCause(dc.context, env, this.services, topic.id);
    return this.runFrom(dc, cursor, topic.start);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const cursor = this.cursor(dc);
    const step = this.step(cursor, cursor.stepId);
    if (step.type !== 'ask') return Dialog.EndOfTurn;
    const env = await turnEnv(dc.context, this.services);
    const text = dc.context.activity.text ?? '';
    const options = step.choices.map((choice) => inEveryLocale(this.services, choice.label));
    const picked = matchChoice(text, options);
    if (picked !== undefined) return this.runFrom(dc, cursor, step.choices[picked].next);

    const switched = await switchTopicIfAsked(dc, this.services, text, cursor.topicId);
    if (switched) return switched;
    await sendText(
      dc.context,
      env.t('chat:choice.notUnderstood'),
      step.choices.map((c) => env.t(c.label)),
    );
    return Dialog.EndOfTurn;
  }

  /** After "help" or a language switch mid-question: ask the open question again. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const cursor = cursorOf<TopicCursor>(instance);
    if (!cursor?.topicId) return;
    const step = this.step(cursor, cursor.stepId);
    if (step.type !== 'ask') return;
    const env = await turnEnv(context, this.services);
    await sendText(
      context,
      this.texts(step.text, env.t),
      step.choices.map((c) => env.t(c.label)),
    );
  }

  override async resumeDialog(dc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (reason === DialogReason.cancelCalled) return dc.endDialog();
    const cursor = this.cursor(dc);
    const step = this.step(cursor, cursor.stepId);
    if (!('next' in step)) return dc.endDialog();
    // Only a selfie that has just failed, again, moves the user on to other routes.
    if (step.type === 'selfieCheck' && result === 'fail') {
      const env = await turnEnv(dc.context, this.services);
      const failures = failedSelfieChecks(env.data.selfieChecks);
      if (failures >= step.repeatedFailures.count) return this.runFrom(dc, cursor, step.repeatedFailures.next);
    }
    return this.runFrom(dc, cursor, step.next);
  }

  private async runFrom(dc: DialogContext, cursor: TopicCursor, firstStepId: string): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    let stepId = firstStepId;
    for (let guard = 0; guard < MAX_STEPS_PER_TURN; guard++) {
      cursor.stepId = stepId;
      const step = this.step(cursor, stepId);
      env.data.journey.push({ topic: cursor.topicId, step: stepId, at: this.services.now() });
      if (env.data.journey.length > JOURNEY_LIMIT) env.data.journey.splice(0, env.data.journey.length - JOURNEY_LIMIT);
      switch (step.type) {
        case 'say':
          await sendText(dc.context, this.texts(step.text, env.t));
          stepId = step.next;
          continue;
        case 'ask':
          await sendText(
            dc.context,
            this.texts(step.text, env.t),
            step.choices.map((c) => env.t(c.label)),
          );
          return Dialog.EndOfTurn;
        case 'attempts':
          return dc.beginDialog(ATTEMPTS_DIALOG, { toldFailures: cursor.toldFailures });
        case 'photoCheck':
          // A bot built without photo checks (no OCR) skips the step rather than failing the turn.
          if (!dc.findDialog(PHOTO_CHECK_DIALOG)) {
            stepId = step.next;
            continue;
          }
          return dc.beginDialog(PHOTO_CHECK_DIALOG, { promptKeys: step.text, topicId: cursor.topicId });
        case 'selfieCheck':
          if (!dc.findDialog(SELFIE_CHECK_DIALOG)) {
            stepId = step.next;
            continue;
          }
          return dc.beginDialog(SELFIE_CHECK_DIALOG, { promptKeys: step.text, topicId: cursor.topicId });
        case 'infoCheck':
          return dc.beginDialog(INFO_CHECK_DIALOG, { promptKeys: step.text, topicId: cursor.topicId });
        case 'goto':
          return dc.replaceDialog(TOPIC_DIALOG, { topicId: step.topic, continued: true });
        case 'escalate':
          if (step.text) await sendText(dc.context, this.texts(step.text, env.t));
          return dc.replaceDialog(ESCALATION_DIALOG, {
            reasonKey: step.reason,
            topicId: cursor.topicId,
            reviewOverdue: step.reviewOverdue,
          });
        case 'end': {
          const parts = step.text ? [this.texts(step.text, env.t)] : [];
          if (step.tips) parts.push(tipsText(env.t));
          if (parts.length) await sendText(dc.context, parts.join('\n\n'));
          if (this.topic(cursor.topicId).kind === 'cause') {
            const cause = endWalkthrough(this.services, env, 'resolved') ?? cursor.topicId;
            await askForRating(dc.context, env, { source: 'walkthrough', cause });
          }
          return dc.endDialog();
        }
      }
    }
    throw new Error(
      `dialogs/${cursor.topicId}.json: more than ${MAX_STEPS_PER_TURN} steps without waiting for the user at step '${stepId}'`,
    );
  }

  private texts(keys: readonly string[], t: (key: string) => string): string {
    return keys.map((key) => t(key)).join('\n\n');
  }

  private topic(id: string): Topic {
    const topic = this.services.topics.get(id);
    if (!topic) throw new Error(`unknown topic '${id}'`);
    return topic;
  }

  private step(cursor: TopicCursor, stepId: string): Step {
    const step = this.topic(cursor.topicId).steps[stepId];
    if (!step) throw new Error(`dialogs/${cursor.topicId}.json: step '${stepId}' does not exist`);
    return step;
  }

  private cursor(dc: DialogContext): TopicCursor {
    const state = cursorOf<TopicCursor>(dc.activeDialog);
    if (!state?.topicId) throw new Error('TopicDialog has no cursor');
    return state;
  }
}

/**
 * When an answer is not understood but is clearly something else — a request for a person, or
 * another failure prompt ("actually my face check failed") — the user has moved on: leave the
 * open question and do that.
 */
export async function switchTopicIfAsked(
  dc: DialogContext,
  services: ConversationServices,
  text: string,
  currentTopic?: string,
): Promise<DialogTurnResult | undefined> {
  const env = await turnEnv(dc.context, services);
  if (services.asksForPerson(text)) {
    await dc.cancelAllDialogs();
    return dc.beginDialog(ESCALATION_DIALOG, { reasonKey: 'chat:escalate.humanReason', topicId: currentTopic });
  }
  const match = services.matcher.match(text, env.locale);
  if (!match.topic || match.topic === currentTopic) return undefined;
  await dc.cancelAllDialogs();
  env.data.promptText = services.redactPrompt(text);
  return dc.beginDialog(TOPIC_DIALOG, { topicId: match.topic, toldFailures: parseFailureCount(text) });
}

/** The playbook's pass-rate tips, said when a walk-through ends well. */
export function tipsText(t: (key: string) => string): string {
  return [
    t('chat:goodLuck'),
    t('chat:tips.intro'),
    ...['passport', 'daylight', 'lens', 'app', 'film'].map((tip) => `• ${t(`chat:tips.${tip}`)}`),
  ].join('\n');
}
