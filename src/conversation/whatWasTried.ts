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
    parts.push(
      env.t('chat:escalate.photoCheckLine', {
        verdict: env.t(`chat:verdict.${check.verdict}`),
        failed: failed.join(', ') || '-',
      }),
    );
  }
  return parts.length ? parts.join('; ') : env.t('chat:fixesTried.none');
}
