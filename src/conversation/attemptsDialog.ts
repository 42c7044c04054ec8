import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { formatUserTime, userClockFrom } from '../policy/localTime';
import { adviseResubmit, parseFailureCount, type AttemptRecord } from '../policy/attemptPolicy';
import { cursorOf } from './dialogCursor';
import { offerReminder, scheduleReminder } from './reminderActions';
import { matchChoice } from './choiceMatch';
import { sendText } from './replies';
import type { ConversationServices } from './services';
import { ATTEMPTS_DIALOG, ESCALATION_DIALOG, switchTopicIfAsked } from './topicDialog';
import { inEveryLocale, turnEnv, type TurnEnv } from './turnEnv';

const COUNT_CHOICES = [
  'policy:attempts.count0',
  'policy:attempts.count1',
  'policy:attempts.count2',
  'policy:attempts.count3',
] as const;
/** How long ago the last failure was, for each "when" button. */
const WHEN_CHOICES = [
  ['policy:attempts.whenJustNow', 0],
  ['policy:attempts.whenHourAgo', 1],
  ['policy:attempts.whenFewHours', 3],
  ['policy:attempts.whenThisMorning', 8],
] as const;

interface AttemptsCursor {
  phase: 'count' | 'when';
  failures?: number;
  /** Started by "remind me": a restriction found is scheduled at once instead of offered. */
  remind?: boolean;
}

export interface AttemptsOptions {
  toldFailures?: number;
  remind?: boolean;
}

/**
 * Learns how many verification attempts failed today (from what the user already wrote, or by
 * asking) and says whether they can resubmit now or exactly when, in their own time zone.
 */
export class AttemptsDialog extends Dialog<AttemptsOptions> {
  constructor(private readonly services: ConversationServices) {
    super(ATTEMPTS_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: AttemptsOptions): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const told = options?.toldFailures;
    const remind = options?.remind;
    if (told !== undefined) return this.haveCount(dc, env, told, remind);
    // Still inside a restriction we already know of: say when it ends rather than ask again.
    const known = env.profile.attempts;
    if (known && adviseResubmit(known, this.services.policy, this.services.now()).kind === 'restricted')
      return this.record(dc, env, known, remind);
    this.setCursor(dc, { phase: 'count', remind });
    await this.sendCount(dc.context, env);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const cursor: AttemptsCursor = cursorOf<AttemptsCursor>(dc.activeDialog) ?? { phase: 'count' };
    const text = dc.context.activity.text ?? '';
    if (cursor.phase === 'count') {
      // A typed number is a count ("3"), not the third button.
      const count = parseFailureCount(text) ?? matchChoice(text, this.labels(COUNT_CHOICES));
      if (count === undefined) {
        const switched = await switchTopicIfAsked(dc, this.services, text, 'attempts_limited');
        if (switched) return switched;
        await this.sendCount(dc.context, env, true);
        return Dialog.EndOfTurn;
      }
      return this.haveCount(dc, env, count, cursor.remind);
    }
    const picked = matchChoice(text, this.labels(WHEN_CHOICES.map(([key]) => key)));
    if (picked === undefined) {
      const switched = await switchTopicIfAsked(dc, this.services, text, 'attempts_limited');
      if (switched) return switched;
      await this.sendWhen(dc.context, env, true);
      return Dialog.EndOfTurn;
    }
    const hoursAgo = WHEN_CHOICES[picked][1];
    return this.record(
      dc,
      env,
      { failures: cursor.failures ?? this.limit, lastFailureAt: this.services.now() - hoursAgo * 3_600_000 },
      cursor.remind,
    );
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const env = await turnEnv(context, this.services);
    const cursor = cursorOf<AttemptsCursor>(instance);
    if (cursor?.phase === 'when') await this.sendWhen(context, env);
    else await this.sendCount(context, env);
  }

  private get limit(): number {
    return this.services.policy.failuresPerDayBeforeRestriction;
  }

  private async haveCount(dc: DialogContext, env: TurnEnv, count: number, remind?: boolean): Promise<DialogTurnResult> {
    if (count >= this.limit) {
      this.setCursor(dc, { phase: 'when', failures: count, remind });
      await this.sendWhen(dc.context, env);
      return Dialog.EndOfTurn;
    }
    return this.record(dc, env, { failures: count, lastFailureAt: this.services.now() }, remind);
  }

  private async record(
    dc: DialogContext,
    env: TurnEnv,
    record: AttemptRecord,
    remind = false,
  ): Promise<DialogTurnResult> {
    const before = env.profile.attempts;
    env.profile.attempts = record;
    const advice = adviseResubmit(record, this.services.policy, this.services.now());
    if (advice.kind === 'restricted') {
      const clock = userClockFrom(
        dc.context.activity.localTimezone,
        dc.context.activity.localTimestamp,
        dc.context.activity.entities,
      );
      const time = formatUserTime(advice.until, clock, env.locale);
      await sendText(
        dc.context,
        [env.t('policy:attempts.restrictedUntil', { time }), env.t('policy:attempts.resubmitAdvice')].join('\n\n'),
      );
      // Restricted again after an earlier restriction ran out: the playbook's advice is a person now.
      const restrictionMs = this.services.policy.restrictionHours * 3_600_000;
      if (before && before.failures >= this.limit && before.lastFailureAt < record.lastFailureAt - restrictionMs) {
        await sendText(dc.context, env.t('policy:attempts.lockedAgain'));
        await dc.cancelAllDialogs();
        return dc.beginDialog(ESCALATION_DIALOG, {
          reasonKey: 'policy:attempts.lockedAgainReason',
          topicId: 'attempts_limited',
        });
      }
      if (remind) await scheduleReminder(dc.context, env, this.services, advice.until);
      else await offerReminder(dc.context, env, this.services);
    } else {
      const lines = [
        record.failures === 0
          ? env.t('policy:attempts.noFailures')
          : env.t('policy:attempts.canResubmit', { remaining: advice.remaining }),
      ];
      if (advice.nextRestricts) lines.push(env.t('policy:attempts.warnNextRestricts'));
      await sendText(dc.context, lines.join('\n\n'));
    }
    return dc.endDialog(advice);
  }

  private labels(keys: readonly string[]): string[][] {
    return keys.map((key) => inEveryLocale(this.services, key));
  }

  private async sendCount(context: TurnContext, env: TurnEnv, again = false): Promise<void> {
    const text = [again ? env.t('chat:choice.notUnderstood') : '', env.t('policy:attempts.askCount')]
      .filter(Boolean)
      .join('\n\n');
    await sendText(
      context,
      text,
      COUNT_CHOICES.map((key) => env.t(key)),
    );
  }

  private async sendWhen(context: TurnContext, env: TurnEnv, again = false): Promise<void> {
    const text = [again ? env.t('chat:choice.notUnderstood') : '', env.t('policy:attempts.askWhen')]
      .filter(Boolean)
      .join('\n\n');
    await sendText(
      context,
      text,
      WHEN_CHOICES.map(([key]) => env.t(key)),
    );
  }

  private setCursor(dc: DialogContext, cursor: AttemptsCursor): void {
    if (dc.activeDialog) dc.activeDialog.state = cursor;
  }
}
