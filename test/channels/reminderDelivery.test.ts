import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import { z } from 'zod';
import { createLocalizer, type Localizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { policyParams, loadSettings } from '../../src/settings';
import { startApp, tempDbDir, type RunningApp } from '../support/appHarness';
import { activitiesBody, jsonOf } from '../support/json';
import { startLoopbackTarget, type LoopbackTarget } from '../support/loopbackTarget';
import { until } from '../support/until';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-28T10:00:00Z');
const conversationBody = z.object({ conversationId: z.string(), token: z.string() });
const postedActivity = z.looseObject({ type: z.string(), text: z.string().optional() });
const sender = z.looseObject({ from: z.looseObject({ id: z.string() }) });

function clock(start: number): { now: () => number; set: (at: number) => void } {
  let at = start;
  return { now: () => at, set: (time) => (at = time) };
}

/** The text a reminder in `locale` for `cause` must carry: the due line and the cause's checklist. */
function reminderTexts(localizer: Localizer, locale: 'en' | 'zh-CN', cause: string | null): string[] {
  const settings = loadSettings();
  const params = policyParams(settings.policy, 'KYC Help');
  const keys = cause === null ? settings.reminders.generalChecklist : (settings.reminders.checklists[cause] ?? []);
  const t = localizer.t(locale);
  return ['reminders:due', ...keys].map((key) => t(key, params));
}

describe('reminders reach the user when the restriction ends', () => {
  let localizer: Localizer;
  before(async () => {
    localizer = await createLocalizer(LOCALES_DIR, 'en');
  });

  describe('through the local Direct Line', () => {
    let running: RunningApp;
    const time = clock(T0);
    before(async () => {
      running = await startApp(
        { LOCAL_WEBCHAT: 'true', BRAND_NAME: 'KYC Help' },
        { now: time.now, pollReminders: false },
      );
    });
    after(async () => running.stop());

    async function history(id: string, token: string): Promise<string[]> {
      const res = await fetch(`${running.baseUrl}/v3/directline/conversations/${id}/activities?watermark=0`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await jsonOf(res, activitiesBody)).activities
        .filter((a) => sender.parse(a).from.id !== 'webchat-user')
        .map((a) => [a.text ?? '', JSON.stringify(a.attachments ?? [])].join(' '));
    }

    it('schedules from the page, tells the Shanghai time, and posts the Chinese checklist into the page at that time', async () => {
      const zh = localizer.t('zh-CN');
      const { conversationId: id, token } = await jsonOf(
        await running.post('/v3/directline/conversations', {}),
        conversationBody,
      );
      let seen = 0;
      const send = async (text: string): Promise<string> => {
        const res = await running.post(
          `/v3/directline/conversations/${id}/activities`,
          { type: 'message', text, from: { id: 'webchat-user' }, locale: 'zh-CN', localTimezone: 'Asia/Shanghai' },
          { authorization: `Bearer ${token}` },
        );
        assert.equal(res.status, 200);
        const replies = await until(async () => {
          const all = await history(id, token);
          return all.length > seen ? all : undefined;
        });
        const fresh = replies.slice(seen).join('\n');
        seen = replies.length;
        return fresh;
      };

      await send('证件照片不清晰');
      await send('失败了三次');
      const restricted = await send(zh('policy:attempts.whenJustNow'));
      assert.ok(restricted.includes(zh('reminders:remindMe')), restricted);
      const scheduled = await send(zh('reminders:remindMe'));
      assert.ok(scheduled.includes('2026年11月29日 18:00'), scheduled);

      time.set(T0 + 24 * HOUR - 60_000);
      assert.deepEqual(await running.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0 });
      time.set(T0 + 24 * HOUR);
      assert.deepEqual(await running.app.reminders.runDue(), { sent: 1, retried: 0, gaveUp: 0 });

      const after = await history(id, token);
      const reminder = after.at(-1) ?? '';
      for (const text of reminderTexts(localizer, 'zh-CN', 'photo_unclear'))
        assert.ok(reminder.includes(text), `missing "${text}" in\n${reminder}`);
      time.set(T0 + 48 * HOUR);
      assert.deepEqual(await running.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0 });
      assert.equal((await history(id, token)).length, after.length, 'sent once');
    });
  });

  describe('through a Bot Framework channel (the Emulator, continueConversationAsync to its connector)', () => {
    let connector: LoopbackTarget;
    const posted: { path: string; text: string }[] = [];
    let dbDir = '';

    before(async () => {
      dbDir = tempDbDir();
      connector = await startLoopbackTarget({
        answer: (req: http.IncomingMessage, res: http.ServerResponse) => {
          let body = '';
          req.setEncoding('utf8');
          req.on('data', (chunk: string) => (body += chunk));
          req.on('end', () => {
            const activity = postedActivity.safeParse(JSON.parse(body || '{}'));
            if (activity.success && activity.data.type === 'message')
              posted.push({ path: req.url ?? '', text: activity.data.text ?? '' });
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id: `sent-${posted.length}` }));
          });
        },
      });
    });
    after(async () => {
      await connector.close();
      fs.rmSync(dbDir, { recursive: true, force: true });
    });

    function emulatorTurn(running: RunningApp, text: string): Promise<Response> {
      return running.post('/api/messages', {
        type: 'message',
        id: `m-${Math.random().toString(36).slice(2)}`,
        channelId: 'emulator',
        serviceUrl: connector.url,
        conversation: { id: 'emulator-conv' },
        from: { id: 'emulator-user', name: 'Someone' },
        recipient: { id: 'bot' },
        text,
        locale: 'en',
        localTimezone: 'Europe/Berlin',
      });
    }

    it('fires after a restart: scheduled by one bot process, sent by the next through the channel connector', async () => {
      const en = localizer.t('en');
      const time = clock(T0);
      const first = await startApp({ BRAND_NAME: 'KYC Help' }, { dbDir, now: time.now, pollReminders: false });
      try {
        for (const text of ['I failed 3 times today', en('policy:attempts.whenJustNow'), en('reminders:remindMe')]) {
          const res = await emulatorTurn(first, text);
          assert.equal(res.status, 200, await res.text());
        }
        const scheduled = posted.map((p) => p.text).join('\n');
        assert.ok(scheduled.includes(en('reminders:offer')), scheduled);
        assert.ok(scheduled.includes("I'll message you here on Nov 29, 2026, 11:00"), scheduled);
      } finally {
        await first.stop();
      }

      posted.splice(0);
      time.set(T0 + 30 * HOUR);
      const second = await startApp({ BRAND_NAME: 'KYC Help' }, { dbDir, now: time.now, pollReminders: false });
      try {
        assert.deepEqual(await second.app.reminders.runDue(), { sent: 1, retried: 0, gaveUp: 0 });
        assert.equal(posted.length, 1);
        const [reminder] = posted;
        assert.match(reminder?.path ?? '', /^\/v3\/conversations\/emulator-conv\/activities/);
        for (const text of reminderTexts(localizer, 'en', null))
          assert.ok(reminder?.text.includes(text), `missing "${text}" in\n${reminder?.text}`);
        assert.deepEqual(await second.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0 });
      } finally {
        await second.stop();
      }
    });

    it('offers no reminder to an expectReplies caller, whose serviceUrl the bot never posts to', async () => {
      const running = await startApp({}, { pollReminders: false });
      try {
        const say = running.deliverIn('expect-replies-conv');
        await say({ type: 'message', text: 'I failed 3 times today', locale: 'en' });
        const replies = await say({ type: 'message', text: 'Just now', locale: 'en' });
        const all = replies.map((r) => r.text ?? '').join('\n');
        assert.ok(all.includes('restricted'), all);
        assert.ok(!all.includes(localizer.t('en')('reminders:offer')), all);
      } finally {
        await running.stop();
      }
    });
  });
});
