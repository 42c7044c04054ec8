import { z } from 'zod';
import { HttpError } from './httpError';

/**
 * The minimum an activity must carry before the adapter sees it: without a conversation id or a
 * user id, state cannot be keyed and the adapter would answer in a shape of its own.
 */
const MAX_ATTACHMENTS = 50;
const MAX_ENTITIES = 100;
const MAX_MEMBERS = 1000;

const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(128),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: z.looseObject({ id: z.string().min(1).max(512) }).optional(),
  serviceUrl: z.string().max(2048).optional(),
  deliveryMode: z.string().max(64).optional(),
  text: z.string().optional(),
  // The conversation reads these as arrays of objects; any other shape would throw inside the turn.
  attachments: z.array(z.looseObject({})).max(MAX_ATTACHMENTS).optional(),
  entities: z.array(z.looseObject({})).max(MAX_ENTITIES).optional(),
  membersAdded: z
    .array(z.looseObject({ id: z.string() }))
    .max(MAX_MEMBERS)
    .optional(),
});

export type GuardedActivity = z.infer<typeof activitySchema>;

export function assertActivity(body: unknown): GuardedActivity {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'body';
    throw new HttpError(400, 'bad_request', `Invalid activity: ${field}: ${issue.message}`);
  }
  if (parsed.data.type === 'message' && !parsed.data.from)
    throw new HttpError(400, 'bad_request', 'Invalid activity: from.id is required');
  return parsed.data;
}
