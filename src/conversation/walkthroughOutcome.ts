import { ABANDON_AFTER_MS } from '../reports/outcomes';
import type { ConversationServices } from './services';
import type { Topic } from './topicSchema';
import type { TurnEnv } from './turnEnv';

/**
 * A cause topic begins a walk-through, unless it carries on the one under way: reached by a
 * `goto` from it, or the same cause asked again before the walk-through was abandoned.
 */
export function beginWalkthrough(services: ConversationServices, env: TurnEnv, topic: Topic, continued: boolean): void {
  if (topic.kind !== 'cause') return;
  const now = services.now();
  const open = env.data.walkthrough;
  if (open && now - open.startedAt <= ABANDON_AFTER_MS && (continued || open.cause === topic.id)) return;
  env.data.walkthrough = { cause: topic.id, startedAt: now };
  services.outcomes.record({ kind: 'walkthroughStarted', cause: topic.id });
}

/** Records how the walk-through under way ended and returns its cause (undefined when none was under way). */
export function endWalkthrough(
  services: ConversationServices,
  env: TurnEnv,
  outcome: 'resolved' | 'escalated',
): string | undefined {
  const open = env.data.walkthrough;
  if (!open) return undefined;
  env.data.walkthrough = undefined;
  services.outcomes.record({ kind: 'walkthroughEnded', cause: open.cause, outcome, startedAt: open.startedAt });
  return open.cause;
}
