import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { Locale } from '../../src/i18n/locales';
import { policyParams } from '../../src/settings';
import { createBotHarness, TEST_BRAND, type BotHarness } from '../support/botHarness';
import type { Reply } from '../support/json';

type Say = (key: string, params?: Record<string, string | number>) => string;

/** What the user reads in a locale: the text of a key with the policy numbers filled in. */
function sayer(harness: BotHarness, locale: Locale): Say {
  const base = policyParams(harness.runtime.settings.policy, TEST_BRAND);
  const t = harness.runtime.localizer.t(locale);
  return (key, params = {}) => t(key, { ...base, ...params });
}

function textOf(replies: Reply[]): string {
  return replies
    .filter((reply) => reply.type === 'message')
    .map((reply) => reply.text ?? '')
    .join('\n---\n');
}

function buttonsOf(replies: Reply[]): string[] {
  return replies.at(-1)?.suggestedActions?.actions.map((action) => action.title ?? '') ?? [];
}

function assertSays(replies: Reply[], expected: string): void {
  const all = textOf(replies);
  assert.ok(all.includes(expected), `expected the bot to say\n  ${expected}\nbut it said\n  ${all || '(nothing)'}`);
}

/**
 * Channels send localTimestamp as an ISO string carrying the user's UTC offset; botbuilder types
 * it as a Date, which has no offset, so it is set here the way it arrives on the wire.
 */
function withWireLocalTimestamp(activity: Partial<Activity>, iso: string): Partial<Activity> {
  const wire = { ...activity };
  Reflect.set(wire, 'localTimestamp', iso);
  return wire;
}

const MENU_KEYS = [
  'topics:photo_unclear.label',
  'topics:info_mismatch.label',
  'topics:document_expired.label',
  'topics:face_verification_failed.label',
  'chat:menu.checkPhoto',
  'chat:menu.faq',
  'chat:menu.human',
];

describe('conversation engine behaviour', () => {
  let harness: BotHarness;
  let en: Say;
  let zh: Say;
  beforeEach(async () => {
    harness = await createBotHarness({ now: () => Date.parse('2026-11-28T10:00:00Z') });
    en = sayer(harness, 'en');
    zh = sayer(harness, 'zh-CN');
  });

  describe('locale from the activity', () => {
    const byTag: [string, Locale][] = [
      ['zh', 'zh-CN'],
      ['zh-Hans', 'zh-CN'],
      ['zh-CN', 'zh-CN'],
      ['zh-TW', 'zh-TW'],
      ['zh-hk', 'zh-TW'],
      ['zh-Hant', 'zh-TW'],
      ['es-419', 'es'],
      ['ru-RU', 'ru'],
      ['pt', 'pt-BR'],
      ['fr-FR', 'fr'],
      ['tr', 'tr'],
      ['vi-VN', 'vi'],
      ['id-ID', 'id'],
      ['en-GB', 'en'],
      ['de-DE', 'en'],
    ];
    for (const [tag, locale] of byTag) {
      it(`answers in ${locale} when the activity's locale is ${tag}`, async () => {
        const replies = await harness.deliverIn(
          `locale-${tag}`,
          `user-${tag}`,
        )({ type: 'message', text: 'help', locale: tag });
        assertSays(replies, sayer(harness, locale)('chat:help.body'));
      });
    }

    it('answers a Japanese channel in English and says so once, in Japanese', async () => {
      const send = harness.deliverIn('locale-ja', 'user-ja');
      const first = await send({ type: 'message', text: '書類の写真が不鮮明です', locale: 'ja-JP' });
      assertSays(first, harness.runtime.services.languageTexts.englishOnly('ja') ?? 'missing');
      assertSays(first, en('topics:photo_unclear.why'));
      const second = await send({ type: 'message', text: 'help', locale: 'ja-JP' });
      assert.ok(!textOf(second).includes(harness.runtime.services.languageTexts.englishOnly('ja') ?? 'missing'));
    });

    it('understands a Chinese failure prompt from a user whose activity says English', async () => {
      const replies = await harness.deliver({ type: 'message', text: '人脸识别失败', locale: 'en' });
      assertSays(replies, en('topics:face_verification_failed.why'));
    });
  });

  describe('welcome', () => {
    it('greets a user who joins with the welcome and the menu buttons', async () => {
      const replies = await harness.deliver({
        type: 'conversationUpdate',
        membersAdded: [{ id: 'user-1', name: 'User' }],
        locale: 'en',
      });
      assert.equal(replies.length, 1);
      assertSays(
        replies,
        [en('chat:welcome.greeting'), en('chat:welcome.howTo'), en('chat:welcome.safety')].join('\n\n'),
      );
      assert.deepEqual(
        buttonsOf(replies),
        MENU_KEYS.map((key) => en(key)),
      );
    });

    it('greets in Chinese when the joining activity is Chinese', async () => {
      const replies = await harness.deliver({
        type: 'conversationUpdate',
        membersAdded: [{ id: 'user-1', name: 'User' }],
        locale: 'zh-CN',
      });
      assertSays(replies, zh('chat:welcome.greeting'));
      assert.deepEqual(
        buttonsOf(replies),
        MENU_KEYS.map((key) => zh(key)),
      );
    });

    it('says nothing when only the bot itself joins', async () => {
      const replies = await harness.deliver({
        type: 'conversationUpdate',
        membersAdded: [{ id: 'bot', name: 'Bot' }],
        locale: 'en',
      });
      assert.deepEqual(replies, []);
    });

    it('does not greet again on the first unplaceable message after a join welcome', async () => {
      await harness.deliver({
        type: 'conversationUpdate',
        membersAdded: [{ id: 'user-1', name: 'User' }],
        locale: 'en',
      });
      const replies = await harness.deliver({ type: 'message', text: "what's the BTC price", locale: 'en' });
      assertSays(replies, en('chat:fallback.first'));
      assert.ok(!textOf(replies).includes(en('chat:welcome.greeting')));
    });
  });

  describe('state per conversation', () => {
    it('keeps two conversations of the same user at their own step and fallback count', async () => {
      const a = harness.deliverIn('conversation-a');
      const b = harness.deliverIn('conversation-b');
      const say = (deliver: typeof a, text: string): Promise<Reply[]> =>
        deliver({ type: 'message', text, locale: 'en' });

      assertSays(await say(a, 'Document photo unclear'), en('topics:photo_unclear.offerCheck'));
      assertSays(await say(b, 'Document has expired'), en('topics:document_expired.askOther'));
      assertSays(await say(a, 'Not now'), en('topics:common.askHelped'));
      assertSays(await say(b, 'No'), en('topics:document_expired.waitNew'));
      assertSays(await say(a, 'Yes, that helped'), en('topics:photo_unclear.done'));

      assertSays(await say(b, "what's the BTC price"), en('chat:fallback.first'));
      // A's first miss is its own first one, whatever B has said.
      const aMiss = await say(a, "what's the BTC price");
      assertSays(aMiss, en('chat:fallback.first'));
      assert.ok(!textOf(aMiss).includes(en('chat:fallback.second')));
      assertSays(await say(b, 'asdf qwerty'), en('chat:fallback.second'));
    });
  });

  describe('Teams', () => {
    /** The shape Teams posts for "@KYC Bot <text>" in a group chat (ids shortened). */
    function teamsMention(text: string): Partial<Activity> {
      const bot = { id: '28:6b1f2c4e-0d5a-4e1b-9f1c-2a7d3e5b8c90', name: 'KYC Bot' };
      return {
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        text: `<at>KYC Bot</at> ${text}\n`,
        textFormat: 'plain',
        locale: 'en-US',
        localTimezone: 'Europe/London',
        from: { id: '29:1aBcD-user', name: 'Ada Lovelace', aadObjectId: '0f6c2b1e-3a4d-4c5e-8f9a-1b2c3d4e5f60' },
        recipient: bot,
        conversation: {
          id: '19:4a5b6c7d8e9f@thread.v2',
          isGroup: true,
          conversationType: 'groupChat',
          tenantId: 'tenant-1',
          name: '',
        },
        entities: [
          { type: 'mention', mentioned: bot, text: '<at>KYC Bot</at>' },
          { type: 'clientInfo', locale: 'en-US', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
        ],
        channelData: { tenant: { id: 'tenant-1' } },
      };
    }

    it('matches the failure prompt after an @mention of the bot', async () => {
      const replies = await harness.deliver(teamsMention('Document photo unclear'));
      assertSays(replies, en('topics:photo_unclear.why'));
    });

    it('runs a command after an @mention (commands match only the exact phrase)', async () => {
      const replies = await harness.deliver(teamsMention('menu'));
      assertSays(replies, en('chat:menu.prompt'));
      assert.deepEqual(
        buttonsOf(replies),
        MENU_KEYS.map((key) => en(key)),
      );
    });
  });

  describe('language switch', () => {
    it('switches to Chinese and back mid-question, keeping the question open', async () => {
      const say = (text: string): Promise<Reply[]> => harness.deliver({ type: 'message', text, locale: 'en' });
      assertSays(await say('Facial recognition failed'), en('topics:common.askHelped'));

      const toChinese = await say('中文');
      assertSays(toChinese, zh('chat:language.switched'));
      // The open question is asked again, in Chinese, with its own buttons.
      assertSays(toChinese, zh('topics:common.askHelped'));
      assert.deepEqual(buttonsOf(toChinese), [
        zh('topics:common.helpedYes'),
        zh('selfie:chat.offer'),
        zh('topics:face_verification_failed.keepsFailing'),
      ]);

      const answered = await say('有帮助，谢谢');
      assertSays(answered, zh('topics:face_verification_failed.done'));
      assertSays(answered, zh('chat:tips.intro'));

      assertSays(await say('证件照片不清晰'), zh('topics:photo_unclear.why'));
      assertSays(await say('English'), en('chat:language.switched'));
      const later = await say('Not now');
      assertSays(later, en('topics:common.askHelped'));
      assert.deepEqual(buttonsOf(later), [en('topics:common.helpedYes'), en('topics:common.helpedNo')]);
    });

    it('keeps the chosen language for the same user in another conversation, whatever the activity says', async () => {
      await harness.deliverIn('first')({ type: 'message', text: 'switch to Chinese', locale: 'en' });
      const replies = await harness.deliverIn('second')({ type: 'message', text: 'help', locale: 'en' });
      assertSays(replies, zh('chat:help.body'));
    });

    it('follows a Web Chat setLocale event silently and ignores a locale it has no texts for', async () => {
      const event = (value: unknown): Promise<Reply[]> =>
        harness.deliver({ type: 'event', name: 'setLocale', value, locale: 'en' });
      const help = (): Promise<Reply[]> => harness.deliver({ type: 'message', text: 'help', locale: 'en' });

      assert.deepEqual(await event('zh-CN'), []);
      assertSays(await help(), zh('chat:help.body'));
      await event('ja');
      assertSays(await help(), zh('chat:help.body'));
      await event('fr');
      assertSays(await help(), sayer(harness, 'fr')('chat:help.body'));
      await event('en');
      assertSays(await help(), en('chat:help.body'));
    });
  });

  describe("reply in the user's language", () => {
    const texts = (): BotHarness['runtime']['services']['languageTexts'] => harness.runtime.services.languageTexts;

    it('offers Spanish in one line with a button when a Spanish prompt comes into an English chat, and switches on the button', async () => {
      const replies = await harness.deliver({
        type: 'message',
        text: 'Documento caducado, ¿qué hago ahora?',
        locale: 'en',
      });
      assertSays(replies, texts().offer('es'));
      assert.ok(JSON.stringify(replies).includes('"title":"Español"'), 'the offer carries an Español button');
      assertSays(replies, en('topics:document_expired.why'));
      const switched = await harness.deliver({ type: 'message', text: 'Español', locale: 'en' });
      assertSays(switched, sayer(harness, 'es')('chat:language.switched'));
    });

    it('never offers a switch on one word, and offers each language once', async () => {
      assert.ok(
        !textOf(await harness.deliver({ type: 'message', text: 'hola', locale: 'en' })).includes(texts().offer('es')),
      );
      const offer = texts().offer('ru');
      assertSays(
        await harness.deliver({ type: 'message', text: 'Документ просрочен, что делать', locale: 'en' }),
        offer,
      );
      const again = await harness.deliver({ type: 'message', text: 'фото документа нечеткое', locale: 'en' });
      assert.ok(!textOf(again).includes(offer));
    });

    it("switches with every locale's language command, in that language's own words", async () => {
      const cases: [string, Locale][] = [
        ['繁體中文', 'zh-TW'],
        ['español', 'es'],
        ['Русский', 'ru'],
        ['português', 'pt-BR'],
        ['français', 'fr'],
        ['Türkçe', 'tr'],
        ['tiếng việt', 'vi'],
        ['Bahasa Indonesia', 'id'],
        ['English', 'en'],
        ['中文', 'zh-CN'],
      ];
      for (const [text, locale] of cases) {
        const replies = await harness.deliver({ type: 'message', text, locale: 'en' });
        assertSays(replies, sayer(harness, locale)('chat:language.switched'));
      }
    });
  });

  describe('questions', () => {
    const cases: [title: string, text: string, locale: Locale, key: string][] = [
      [
        'refuses to help buy a verified account, in words no trigger has',
        'where can I purchase a verified acc',
        'en',
        'topics:safety_circumvention.refuse',
      ],
      [
        'answers a question typed as one of its triggers, though it has only one word that tells',
        'will i get banned',
        'en',
        'topics:faq_ban.answer',
      ],
      [
        'answers the switch question when the user names the two documents',
        'lần sau mình nộp hộ chiếu thay cho cccd được không',
        'vi',
        'topics:faq_switch_document.answer',
      ],
      [
        'tells a worried user their coins are safe though a scam warning shares the word',
        'are my coins safe while my account is unverified',
        'en',
        'topics:faq_assets.safe',
      ],
    ];
    for (const [title, text, locale, key] of cases)
      it(title, async () => {
        const replies = await harness.deliver({ type: 'message', text, locale });
        assertSays(replies, sayer(harness, locale)(key));
      });
  });

  describe("another service's problem", () => {
    const cases: [title: string, text: string, notSaid: string][] = [
      [
        'gets no scam warning for a code that does not arrive',
        '2FA code not arriving on my phone',
        'topics:safety_scam.warn',
      ],
      [
        'does not answer the review time for a withdrawal under review, however it is worded',
        'been 3 days and my usdt withdrawal is still under review, when do I get it?',
        'topics:faq_review_time.answer',
      ],
    ];
    for (const [title, text, notSaid] of cases)
      it(title, async () => {
        await harness.deliver({ type: 'message', text: 'hi', locale: 'en' });
        const replies = await harness.deliver({ type: 'message', text, locale: 'en' });
        assert.ok(!textOf(replies).includes(en(notSaid)), textOf(replies));
        assertSays(replies, en('chat:fallback.first'));
      });
  });

  describe('attempts', () => {
    it('reads a typed "3" as three failures, not as the third button ("Twice")', async () => {
      await harness.deliver({ type: 'message', text: 'attempts', locale: 'en' });
      const replies = await harness.deliver({ type: 'message', text: '3', locale: 'en' });
      assertSays(replies, en('policy:attempts.askWhen'));
      assert.ok(!textOf(replies).includes(en('policy:attempts.canResubmit', { remaining: 1 })));
    });

    it("says the restriction's end in the user's UTC offset from localTimestamp when no time zone is sent", async () => {
      // Pinned now is 10:00Z; "a few hours ago" is 07:00Z, so the restriction ends at 07:00Z the next day = 15:00 at +08:00.
      const send = (text: string): Promise<Reply[]> =>
        harness.deliver(withWireLocalTimestamp({ type: 'message', text, locale: 'en' }, '2026-11-28T18:00:00+08:00'));
      await send('I failed 3 times today');
      const all = textOf(await send('A few hours ago'));
      assert.ok(all.includes('Nov 29, 2026, 3:00') && all.includes('PM (UTC+08:00)'), all);
    });
  });
});
