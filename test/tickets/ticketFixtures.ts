import type { NewTicket } from '../../src/tickets/ticket';
import { userKeyOf } from '../../src/tickets/userKey';

export const TEST_USER_KEY_SECRET = 'test-secret-for-user-keys-0123456789';

export function userKey(userId: string, channelId = 'msteams'): string {
  return userKeyOf(TEST_USER_KEY_SECRET, channelId, userId);
}

/** A ticket as the escalation dialog would hand it over; no personal values anywhere. */
export function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    userKey: userKey('user-1'),
    channelId: 'msteams',
    locale: 'zh-CN',
    conversationReference: { conversation: { id: 'conv-1' }, serviceUrl: 'https://smba.example/', bot: { id: 'bot' } },
    cause: { id: 'photo_unclear', labelKey: 'topics:photo_unclear.label' },
    promptText: 'Document photo unclear',
    applicationReference: 'APP-2024-0001',
    steps: [
      { topic: 'photo_unclear', step: 'start' },
      { topic: 'photo_unclear', step: 'check_photo' },
    ],
    attempts: { failures: 2, lastFailureAt: '2026-11-27T10:00:00.000Z', restrictedUntil: null },
    photoChecks: [
      { id: 'resolution', status: 'pass' },
      { id: 'blur', status: 'fail' },
    ],
    infoFindings: [{ field: 'name', rule: 'name_extra_space' }],
    ...overrides,
  };
}

/** A clock tests move by hand. */
export class ManualClock {
  constructor(private current: Date = new Date('2026-11-28T08:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
