import { EventFactory, TurnContext, type Activity } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { adviseResubmit } from '../policy/attemptPolicy';
import { applicationReferenceSchema, toPublicTicket, type Ticket } from '../tickets/ticket';
import { ticketPriority } from '../tickets/ticketPriority';
import { cursorOf } from './dialogCursor';
import { matchChoice } from './choiceMatch';
import { describeWhatWasTried } from './whatWasTried';
import { sendText } from './replies';
import type { ConversationServices, EscalationRequest } from './services';
import { ticketMessage } from './ticketMessages';
import { ESCALATION_DIALOG } from './topicDialog';
import { turnEnv, inEveryLocale, type TurnEnv } from './turnEnv';
import { endWalkthrough } from './walkthroughOutcome';

interface EscalationCursor extends EscalationRequest {
  asked: number;
}

/**
 * Hands the conversation to a person: asks for the application reference from the KYC page
 * (optional, validated), files a ticket with what the playbook says customer service needs —
 * the cause and its label, the prompt the user pasted, the steps taken, attempts, photo check
 * results, information-check findings (field and rule only) — shows it as a card and copyable
 * text, and emits `handoff.initiate` for agent hubs.
 */
export class EscalationDialog extends Dialog<EscalationRequest> {
  constructor(private readonly services: ConversationServices) {
    super(ESCALATION_DIALOG);
  }

  override async beginDialog(dc: DialogContext, request?: EscalationRequest): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const cursor: EscalationCursor = {
      reasonKey: request?.reasonKey ?? 'chat:escalate.humanReason',
      topicId: request?.topicId ?? env.data.currentTopic,
      reviewOverdue: request?.reviewOverdue,
      asked: 1,
    };
    if (dc.activeDialog) dc.activeDialog.state = cursor;
    await sendText(dc.context, env.t('tickets:askReference'), [env.t('tickets:skip')]);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const cursor: EscalationCursor = cursorOf<EscalationCursor>(dc.activeDialog) ?? {
      reasonKey: 'chat:escalate.humanReason',
      asked: 1,
    };
    const text = (dc.context.activity.text ?? '').trim();
    if (matchChoice(text, [inEveryLocale(this.services, 'tickets:skip')]) !== undefined)
      return this.file(dc, env, cursor, null);
    const reference = applicationReferenceSchema.safeParse(text);
    if (reference.success) return this.file(dc, env, cursor, reference.data);
    if (cursor.asked >= 2) return this.file(dc, env, cursor, null);
    cursor.asked += 1;
    await sendText(dc.context, env.t('tickets:referenceInvalid'), [env.t('tickets:skip')]);
    return Dialog.EndOfTurn;
  }

  private async file(
    dc: DialogContext,
    env: TurnEnv,
    request: EscalationRequest,
    applicationReference: string | null,
  ): Promise<DialogTurnResult> {
    const context = dc.context;
    const { activity } = context;
    const topic = request.topicId ? this.services.topics.get(request.topicId) : undefined;
    const latestPhoto = env.data.photoChecks.at(-1);
    const attempts = env.profile.attempts;
    const reviewThresholdMs = this.services.policy.ticketAfterMinutes * 60_000;
    const advice = attempts ? adviseResubmit(attempts, this.services.policy, this.services.now()) : undefined;
    const ticket = await this.services.tickets.create({
      userKey: this.services.userKey(activity.channelId, activity.from.id),
      channelId: activity.channelId,
      locale: env.locale,
      conversationReference: { ...TurnContext.getConversationReference(activity) },
      cause: { id: topic?.id ?? null, labelKey: topic?.label ?? null },
      promptText: env.data.promptText ?? null,
      applicationReference,
      steps: env.data.journey.map(({ topic: t, step }) => ({ topic: t, step })),
      attempts: attempts
        ? {
            failures: attempts.failures,
            lastFailureAt: new Date(attempts.lastFailureAt).toISOString(),
            restrictedUntil: advice?.kind === 'restricted' ? new Date(advice.until).toISOString() : null,
          }
        : null,
      photoChecks: latestPhoto?.checks ?? [],
      selfieChecks: env.data.selfieChecks?.at(-1)?.checks ?? [],
      infoFindings: env.data.infoFindings ?? [],
      priority: ticketPriority({
        photoChecks: latestPhoto?.checks ?? [],
        reviewWaitingMs: request.reviewOverdue ? reviewThresholdMs + 1 : null,
        reviewWaitThresholdMs: reviewThresholdMs,
      }),
    });
    env.data.lastTicket = ticket.number;
    endWalkthrough(this.services, env, 'escalated');
    this.services.outcomes.record({ kind: 'ticketCreated', cause: ticket.cause.id });
    env.profile.hasTickets = true;

    const reason = [topic ? env.t(topic.label) : undefined, env.t(request.reasonKey)].filter(Boolean).join(' — ');
    await context.sendActivity(
      ticketMessage(
        ticket,
        { reason, tried: describeWhatWasTried(env, this.services.topics) },
        env.t,
        activity.channelId,
      ),
    );
    await sendText(context, env.t('tickets:next'));
    await context.sendActivity(handoffEvent(context, ticket, env));
    return dc.endDialog(ticket.number);
  }
}

/**
 * `handoff.initiate` for agent hubs (Teams and Web Chat ignore it): the public ticket as context,
 * and a transcript of the steps taken — topic and step ids only, none of the user's words or names.
 */
function handoffEvent(context: TurnContext, ticket: Ticket, env: TurnEnv): Partial<Activity> {
  const bot = context.activity.recipient;
  const template: Activity = {
    ...context.activity,
    from: bot,
    recipient: bot,
    text: '',
    speak: '',
    summary: '',
    attachments: [],
    entities: [],
    channelData: undefined,
    localTimezone: '',
    localTimestamp: undefined,
  };
  const activities: Activity[] = env.data.journey.map((entry) => ({
    ...template,
    type: 'event',
    name: 'kyc.step',
    value: { topic: entry.topic, step: entry.step },
    timestamp: new Date(entry.at),
  }));
  return EventFactory.createHandoffInitiation(context, toPublicTicket(ticket), { activities });
}
