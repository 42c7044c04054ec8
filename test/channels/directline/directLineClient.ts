import { z } from 'zod';

const conversationBody = z.object({ conversationId: z.string(), token: z.string(), expires_in: z.number() });
const activitySchema = z.looseObject({
  type: z.string(),
  id: z.string(),
  text: z.string().optional(),
  from: z.looseObject({ id: z.string(), role: z.string().optional() }),
  channelData: z.record(z.string(), z.unknown()).optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string(), contentUrl: z.string().optional(), name: z.string().optional() }))
    .optional(),
  suggestedActions: z.looseObject({ actions: z.array(z.looseObject({ value: z.unknown() })) }).optional(),
});
const activitySet = z.object({ activities: z.array(activitySchema), watermark: z.string() });

export type TestActivity = z.infer<typeof activitySchema>;

/** A Direct Line 3.0 client as Web Chat drives it, over fetch, for the channel tests. */
export class DirectLineClient {
  conversationId = '';
  token = '';
  watermark = '';

  constructor(readonly baseUrl: string) {}

  async start(body: unknown = { user: { id: 'u_test_0123456789ab' }, locale: 'en-US' }): Promise<void> {
    const res = await fetch(`${this.baseUrl}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`start answered ${res.status}`);
    const parsed = conversationBody.parse(await res.json());
    this.conversationId = parsed.conversationId;
    this.token = parsed.token;
  }

  request(path: string, init: RequestInit = {}, token = this.token): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return fetch(`${this.baseUrl}${path}`, { ...init, headers });
  }

  activitiesPath(watermark = this.watermark): string {
    return `/v3/directline/conversations/${this.conversationId}/activities?watermark=${watermark}`;
  }

  /** One poll from the current watermark, advancing it like DirectLineJS does. */
  async poll(): Promise<TestActivity[]> {
    const res = await this.request(this.activitiesPath());
    if (res.status !== 200) throw new Error(`poll answered ${res.status}`);
    const set = activitySet.parse(await res.json());
    this.watermark = set.watermark;
    return set.activities;
  }

  async send(activity: Record<string, unknown>): Promise<Response> {
    return this.request(`/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: { id: 'u_test_0123456789ab', role: 'user' }, ...activity }),
    });
  }

  /** Polls until `count` activities matching `match` arrived since the call; fails after `timeoutMs`. */
  async waitFor(match: (activity: TestActivity) => boolean, count = 1, timeoutMs = 5000): Promise<TestActivity[]> {
    const found: TestActivity[] = [];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      found.push(...(await this.poll()).filter(match));
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`waited ${timeoutMs} ms for ${count} matching activities, saw ${found.length}`);
  }
}

export const fromBot = (activity: TestActivity): boolean => activity.from.role === 'bot' && activity.type === 'message';
