import type { TurnContext } from 'botbuilder';
import { sendText } from './replies';
import type { Escalation, EscalationRequest } from './services';
import type { Topic } from './topicSchema';
import type { TurnEnv } from './turnEnv';

/** The topics the user went through and the photo checks they ran, in the user's language. */
export function describeWhatWasTried(env: TurnEnv, topics: ReadonlyMap<string, Topic>): string {
  const seen: string[] = [];
  for (const entry of env.data.journey) {
    const label = topics.get(entry.topic)?.label;
    if (label && !seen.includes(label)) seen.push(label);
  }
  const parts = seen.map((key) => env.t(key));
  for (const check of env.data.photoChecks) {
    const failed = check.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    parts.push(env.t('chat:escalate.photoCheckLine', { verdict: env.t(`chat:verdict.${check.verdict}`), failed: failed.join(', ') || '-' }));
  }
  return parts.length ? parts.join('; ') : env.t('chat:fixesTried.none');
}

/**
 * Hands over by telling the user how to reach customer service and exactly what to include
 * (the playbook: the application ticket number and the specific failure reason).
 */
export class ContactSupportEscalation implements Escalation {
  constructor(private readonly topics: ReadonlyMap<string, Topic>) {}

  async escalate(context: TurnContext, env: TurnEnv, request: EscalationRequest): Promise<void> {
    const topicId = request.topicId ?? env.data.currentTopic;
    const label = topicId ? this.topics.get(topicId)?.label : undefined;
    const reason = [label ? env.t(label) : undefined, env.t(request.reasonKey)].filter(Boolean).join(' — ');
    const lines = [
      env.t('chat:escalate.intro'),
      env.t('chat:escalate.whatToInclude'),
      env.t('chat:escalate.reasonLine', { reason }),
      env.t('chat:escalate.stepsLine', { steps: describeWhatWasTried(env, this.topics) }),
      env.t('chat:escalate.next'),
    ];
    await sendText(context, lines.join('\n\n'));
  }
}
