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

  describe('through the local Web Chat page, whose conversations end long before the restriction does', () => {
    let running: RunningApp;
    const time = clock(T0);
    /** The page's id for this browser, the same in each of its conversations. */
    const BROWSER_USER = 'u_5b0d6e1f2a3c4d5e6f708192a3b4c5d6';
    before(async () => {
      running = await startApp(
        { LOCAL_WEBCHAT: 'true', BRAND_NAME: 'KYC Help' },
        { now: time.now, pollReminders: false },
      );
    });
    after(async () => running.stop());

    async function history(id: string, token: string): Promise<Response> {
      return fetch(`${running.baseUrl}/v3/directline/conversations/${id}/activities?watermark=0`, {
        headers: { authorization: `Bearer ${token}` },
      });
    }

    /** A conversation as the page opens it, and a `send` that returns the bot's new replies. */
    async function openConversation(
      user: string,
    ): Promise<{ id: string; token: string; send: (text: string) => Promise<string> }> {
      const { conversationId: id, token } = await jsonOf(
        await running.post('/v3/directline/conversations', { user: { id: user }, locale: 'zh-CN' }),
        conversationBody,
      );
      let seen = 0;
      const botTexts = async (): Promise<string[]> =>
        (await jsonOf(await history(id, token), activitiesBody)).activities
          .filter((a) => sender.parse(a).from.id !== user)
          .map((a) =>
            [a.text ?? '', JSON.stringify(a.attachments ?? []), JSON.stringify(a.suggestedActions ?? {})].join(' '),
          );
      await until(async () => ((await botTexts()).length > 0 ? true : undefined));
      seen = (await botTexts()).length;
      const send = async (text: string): Promise<string> => {
        const res = await running.post(
          `/v3/directline/conversations/${id}/activities`,
          { type: 'message', text, locale: 'zh-CN', localTimezone: 'Asia/Shanghai' },
          { authorization: `Bearer ${token}` },
        );
        assert.equal(res.status, 200);
        const replies = await until(async () => {
          const all = await botTexts();
          return all.length > seen ? all : undefined;
        });
        const fresh = replies.slice(seen).join('\n');
        seen = replies.length;
        return fresh;
      };
      return { id, token, send };
    }

    async function restrictAndRemind(send: (text: string) => Promise<string>, shanghaiTime: string): Promise<void> {
      const zh = localizer.t('zh-CN');
      await send('证件照片不清晰');
      await send('失败了三次');
      const restricted = await send(zh('policy:attempts.whenJustNow'));
      assert.ok(restricted.includes(zh('reminders:remindMe')), restricted);
      const scheduled = await send(zh('reminders:remindMe'));
      assert.ok(scheduled.includes(shanghaiTime), scheduled);
    }

    it('shows the reminder once, in Chinese with the checklist, when the user writes in their next conversation', async () => {
      time.set(T0);
      const first = await openConversation(BROWSER_USER);
      await restrictAndRemind(first.send, '2026年11月29日 18:00');

      time.set(T0 + 5 * HOUR);
      assert.equal((await history(first.id, first.token)).status, 404, "the page's conversation has expired");
      time.set(T0 + 24 * HOUR);
      assert.deepEqual(await running.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 1 });
      time.set(T0 + 30 * HOUR);
      assert.deepEqual(await running.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 0 });

      const next = await openConversation(BROWSER_USER);
      const shown = await next.send('你好');
      for (const text of reminderTexts(localizer, 'zh-CN', 'photo_unclear'))
        assert.ok(shown.includes(text), `missing "${text}" in\n${shown}`);
      const later = await next.send('菜单');
      const [dueLine = 'reminders:due'] = reminderTexts(localizer, 'zh-CN', null);
      assert.ok(!later.includes(dueLine), 'shown once');

      const stranger = await openConversation('u_00000000000000000000000000000000');
      assert.ok(!(await stranger.send('你好')).includes(dueLine), 'nobody else sees it');
    });

    it('"forget me" in a later conversation deletes the waiting reminder: it is neither sent nor shown', async () => {
      const user = 'u_7e6d5c4b3a2918070f1e2d3c4b5a6978';
      const zh = localizer.t('zh-CN');
      // Later than the first test's day: the rate limiter's clock never runs backwards.
      const start = T0 + 48 * HOUR;
      time.set(start);
      const first = await openConversation(user);
      await restrictAndRemind(first.send, '2026年12月1日 18:00');
      time.set(start + 5 * HOUR);

      const second = await openConversation(user);
      assert.ok((await second.send('忘记我')).includes(zh('tickets:forget.yes')));
      await second.send(zh('tickets:forget.yes'));

      time.set(start + 24 * HOUR);
      assert.deepEqual(await running.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 0 });
      const third = await openConversation(user);
      const [dueLine = 'reminders:due'] = reminderTexts(localizer, 'zh-CN', null);
      assert.ok(!(await third.send('你好')).includes(dueLine));
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
        assert.deepEqual(await second.app.reminders.runDue(), { sent: 1, retried: 0, gaveUp: 0, held: 0 });
        assert.equal(posted.length, 1);
        const [reminder] = posted;
        assert.match(reminder?.path ?? '', /^\/v3\/conversations\/emulator-conv\/activities/);
        for (const text of reminderTexts(localizer, 'en', null))
          assert.ok(reminder?.text.includes(text), `missing "${text}" in\n${reminder?.text}`);
        assert.deepEqual(await second.app.reminders.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 0 });
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
