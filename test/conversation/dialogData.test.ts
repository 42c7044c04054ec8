import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_KEYS } from '../../src/conversation/engineKeys';
import { normalizeText } from '../../src/i18n/normalizeText';
import { loadDialogData, type DialogData } from '../../src/conversation/topicLoader';
import {
  CAUSE_IDS,
  FAQ_IDS,
  type Commands,
  type PhrasesByLanguage,
  type Topic,
} from '../../src/conversation/topicSchema';
import { LANGUAGES, LOCALES, type Language, type Locale } from '../../src/i18n/locales';
import { recordOf } from '../../src/recordOf';
import { validateDialogData } from '../../src/conversation/topicValidator';
import { createLocalizer, type Localizer } from '../../src/i18n/localizer';
import { DIALOGS_DIR, LOCALES_DIR } from '../../src/projectPaths';
import { loadSettings } from '../../src/settings';

/** Parameters every text may use (settings policy and brand), then the ones particular keys get. */
const POLICY_PARAMS = [
  'brand',
  'failuresPerDay',
  'restrictionHours',
  'reviewMin',
  'reviewMax',
  'ticketAfterMinutes',
  'minWidth',
  'minHeight',
  'successRate',
];
const STEP_PARAMS: Record<string, readonly string[]> = {
  'policy:attempts.restrictedUntil': ['time', 'hours'],
  'policy:attempts.canResubmit': ['remaining'],
  'chat:escalate.reasonLine': ['reason'],
  'chat:escalate.stepsLine': ['steps'],
  'chat:escalate.photoCheckLine': ['verdict', 'failed'],
  'chat:input.tooLong': ['max'],
};

/** The plural suffix is per language (English has `_one`, Chinese only `_other`), so keys compare by their base. */
function withoutPluralSuffix(key: string): string {
  return key.replace(/_(zero|one|two|few|many|other)$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every text of one locale by `namespace:key`, read straight from the files so the test sees what ships. */
function readTexts(locale: Locale): Map<string, string> {
  const texts = new Map<string, string>();
  const walk = (ns: string, prefix: string, value: unknown): void => {
    if (typeof value === 'string') texts.set(`${ns}:${prefix}`, value);
    else if (isRecord(value))
      for (const [key, child] of Object.entries(value)) walk(ns, prefix ? `${prefix}.${key}` : key, child);
  };
  const dir = path.join(LOCALES_DIR, locale);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    walk(path.basename(file, '.json'), '', JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return texts;
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]);
}

function everyLanguage(make: (language: Language) => string[]): PhrasesByLanguage {
  return recordOf(LANGUAGES, make);
}

/** A small, valid topic to break one rule at a time. */
function sampleTopic(): Topic {
  return {
    id: 'photo_unclear',
    kind: 'cause',
    label: 'topics:sample.label',
    triggers: {
      ...everyLanguage((language) => [`document photo unclear ${language}`]),
      en: ['Document photo unclear'],
      'zh-CN': ['证件照片不清晰'],
    },
    start: 'hello',
    steps: {
      hello: { type: 'say', text: ['topics:sample.hello'], next: 'helped' },
      helped: {
        type: 'ask',
        text: ['topics:sample.helped'],
        choices: [
          { label: 'topics:sample.yes', next: 'done' },
          { label: 'topics:sample.no', next: 'person' },
        ],
      },
      done: { type: 'end', tips: true },
      person: { type: 'escalate', reason: 'topics:sample.reason' },
    },
  };
}

function sampleCommands(): Commands {
  const one = (en: string, zh: string): PhrasesByLanguage => ({
    ...everyLanguage((language) => [`${en} ${language}`]),
    en: [en],
    'zh-CN': [zh],
  });
  return {
    menu: one('menu', '菜单'),
    restart: one('start over', '重新开始'),
    cancel: one('cancel', '取消'),
    help: one('help', '帮助'),
    human: one('talk to a person', '人工客服'),
    check_photo: one('check my photo', '检查照片'),
    check_selfie: one('check my selfie', '检查自拍'),
    check_info: one('check my info', '核对信息'),
    attempts: one('attempts', '认证次数'),
    remind_me: one('remind me', '提醒我'),
    cancel_reminder: one('cancel reminder', '取消提醒'),
    language_en: one('English', '英文'),
    language_zh: one('中文', '切换中文'),
    language_zh_tw: one('Traditional Chinese', '繁体中文'),
    language_es: one('Spanish', '西班牙语'),
    language_ru: one('Russian', '俄语'),
    language_pt_br: one('Portuguese', '葡萄牙语'),
    language_fr: one('French', '法语'),
    language_tr: one('Turkish', '土耳其语'),
    language_vi: one('Vietnamese', '越南语'),
    language_id: one('Indonesian', '印尼语'),
    my_ticket: one('my ticket', '我的工单'),
    forget_me: one('forget me', '删除我的数据'),
  };
}

/**
 * Topics for every stable id, each a copy of the sample under its own id and trigger, so a
 * broken rule shows up as the one error in the report.
 */
function sampleData(change: (topic: Topic) => void = () => undefined): DialogData {
  const topics: Topic[] = [...CAUSE_IDS, ...FAQ_IDS].map((id) => ({
    ...sampleTopic(),
    id,
    kind: FAQ_IDS.some((faq) => faq === id) ? 'faq' : 'cause',
    triggers: everyLanguage((language) => [`${id} ${language}`]),
  }));
  const first = structuredClone(topics[0]);
  first.triggers = sampleTopic().triggers;
  change(first);
  topics[0] = first;
  return {
    topics,
    commands: sampleCommands(),
    files: new Map(topics.map((t) => [t.id, `dialogs/${t.id}.json`])),
    framing: [],
    offTopic: [],
    otherServices: [],
    documentKinds: [],
    anotherDocument: [],
    otherServicePairs: [],
    topicPairs: [],
  };
}

const SAMPLE_KEYS = ['label', 'hello', 'helped', 'yes', 'no', 'reason'].map((k) => `topics:sample.${k}`);

function validateSample(data: DialogData, missing: readonly string[] = []): string[] {
  const keys = new Set([...SAMPLE_KEYS, ...ENGINE_KEYS].filter((k) => !missing.includes(k)));
  return validateDialogData({ data, localeKeys: () => keys, engineKeys: ENGINE_KEYS }).errors;
}

describe('dialog data (dialogs/ and locales/)', () => {
  let data: DialogData;
  let localizer: Localizer;

  before(async () => {
    data = loadDialogData(DIALOGS_DIR);
    localizer = await createLocalizer(LOCALES_DIR, 'en');
  });

  it('passes the referential validator with no errors', () => {
    const report = validateDialogData({
      data,
      localeKeys: (locale) => localizer.keys(locale),
      localeTexts: (locale) => localizer.texts(locale),
      engineKeys: ENGINE_KEYS,
    });
    for (const warning of report.warnings) console.warn(`    warning: ${warning}`);
    assert.deepEqual(report.errors, []);
  });

  it('has a topic file for every cause and FAQ id, with the matching kind', () => {
    const kinds = new Map(data.topics.map((t) => [t.id, t.kind]));
    for (const id of CAUSE_IDS) assert.equal(kinds.get(id), 'cause', id);
    for (const id of FAQ_IDS) assert.equal(kinds.get(id), 'faq', id);
  });

  it('has safety topics that refuse getting around verification and warn about fake support', () => {
    const safety = data.topics.filter((t) => t.kind === 'safety').map((t) => t.id);
    assert.ok(safety.includes('safety_circumvention'), 'safety_circumvention');
    assert.ok(safety.includes('safety_scam'), 'safety_scam');
  });

  it('defines every key of every namespace in every locale', () => {
    const byLocale = LOCALES.map((locale) => ({
      locale,
      keys: new Set([...readTexts(locale).keys()].map(withoutPluralSuffix)),
    }));
    const missing: string[] = [];
    for (const from of byLocale) {
      for (const to of byLocale) {
        if (from === to) continue;
        for (const key of from.keys)
          if (!to.keys.has(key)) missing.push(`${key} (in ${from.locale}, missing in ${to.locale})`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('leaves no text empty', () => {
    const empty = LOCALES.flatMap((locale) =>
      [...readTexts(locale)].filter(([, text]) => !text.trim()).map(([key]) => `${locale} ${key}`),
    );
    assert.deepEqual(empty, []);
  });

  it('interpolates only the parameters the engine passes in the conversation namespaces', () => {
    const wrong: string[] = [];
    for (const locale of LOCALES) {
      for (const [key, text] of readTexts(locale)) {
        // The photo and info namespaces get their params from their checks; the next test covers them.
        if (!/^(chat|topics|policy):/.test(key)) continue;
        const allowed = new Set([...POLICY_PARAMS, ...(STEP_PARAMS[key] ?? [])]);
        for (const name of placeholdersOf(text)) if (!allowed.has(name)) wrong.push(`${locale} ${key}: {{${name}}}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('uses the same placeholders for a key in every locale', () => {
    const [first, ...others] = LOCALES;
    const reference = readTexts(first);
    const differing: string[] = [];
    for (const locale of others) {
      for (const [key, text] of readTexts(locale)) {
        const base = reference.get(key);
        if (base === undefined) continue;
        const want = [...new Set(placeholdersOf(base))].sort().join(',');
        const got = [...new Set(placeholdersOf(text))].sort().join(',');
        if (want !== got) differing.push(`${key}: ${first} {${want}} vs ${locale} {${got}}`);
      }
    }
    assert.deepEqual(differing, []);
  });

  it('takes policy numbers from settings instead of writing them into texts', () => {
    const policy = loadSettings().policy;
    // Single digits are too common in ordinary text ("1.", "3 times or more") to flag.
    const numbers = [
      policy.restrictionHours,
      policy.reviewMinutes.min,
      policy.reviewMinutes.max,
      policy.ticketAfterMinutes,
      policy.resubmissionSuccessRatePercent,
      policy.minimumResolution.width,
      policy.minimumResolution.height,
    ].filter((n) => n >= 10);
    const pattern = new RegExp(`(?<![\\d.-])(${numbers.join('|')})(?![\\d-])`);
    const hardCoded = LOCALES.flatMap((locale) =>
      [...readTexts(locale)]
        .filter(([, text]) => pattern.test(text.replace(/\{\{[^}]*\}\}/g, '')))
        .map(([key]) => `${locale} ${key}`),
    );
    assert.deepEqual(hardCoded, []);
  });

  it('never asks the user for a password, 2FA code, seed phrase or money, and says so on welcome', async () => {
    for (const locale of LOCALES) {
      const safety = localizer.t(locale)('chat:welcome.safety');
      assert.ok(safety.length > 20, `${locale} chat:welcome.safety`);
    }
    const welcome = localizer.t('en')('chat:welcome.safety', { brand: 'Acme' });
    for (const word of ['password', '2FA', 'seed phrase', 'money']) assert.ok(welcome.includes(word), word);
  });

  it('offers every command phrase that the help text quotes', () => {
    for (const locale of LOCALES) {
      const help = localizer.t(locale)('chat:help.body');
      // Straight and curly quotes, corner brackets (zh-TW, ja) and guillemets (fr, ru).
      const quoted = [...help.matchAll(/[“"「«„]\s*([^”"」»“]+?)\s*[”"」»“]/g)].map((m) => normalizeText(m[1]));
      const phrases = new Set(
        Object.values(data.commands).flatMap((p) => LANGUAGES.flatMap((language) => p[language].map(normalizeText))),
      );
      assert.ok(quoted.length >= 5, `${locale} help quotes its commands`);
      for (const phrase of quoted)
        assert.ok(phrases.has(phrase), `${locale} help quotes "${phrase}", which is no command phrase`);
    }
  });

  it('labels each menu button with a phrase its command understands', () => {
    const menu: [string, keyof Commands][] = [
      ['chat:menu.checkPhoto', 'check_photo'],
      ['chat:menu.checkInfo', 'check_info'],
      ['chat:menu.human', 'human'],
      ['chat:menu.attempts', 'attempts'],
    ];
    const fold = normalizeText;
    for (const locale of LOCALES) {
      for (const [key, command] of menu) {
        const label = fold(localizer.t(locale)(key));
        assert.ok(
          data.commands[command][locale].map(fold).includes(label),
          `${locale} ${key} "${label}" is not a ${command} phrase`,
        );
      }
    }
  });
});

describe('dialog data validator', () => {
  it('accepts the sample data it is tested with', () => {
    assert.deepEqual(validateSample(sampleData()), []);
  });

  it('reports a next that points to no step, naming file and step', () => {
    const errors = validateSample(
      sampleData((topic) => {
        topic.steps.hello = { type: 'say', text: ['topics:sample.hello'], next: 'nowhere' };
      }),
    );
    assert.ok(
      errors.some(
        (e) => e.includes('dialogs/photo_unclear.json') && e.includes("step 'hello'") && e.includes("'nowhere'"),
      ),
      errors.join('\n'),
    );
  });

  it('reports a step no path reaches', () => {
    const errors = validateSample(
      sampleData((topic) => {
        topic.steps.orphan = { type: 'end' };
      }),
    );
    assert.ok(
      errors.some((e) => e.includes("step 'orphan' is unreachable")),
      errors.join('\n'),
    );
  });

  it('reports a path that never ends', () => {
    const errors = validateSample(
      sampleData((topic) => {
        topic.steps.helped = {
          type: 'ask',
          text: ['topics:sample.helped'],
          choices: [
            { label: 'topics:sample.yes', next: 'hello' },
            { label: 'topics:sample.no', next: 'hello' },
          ],
        };
        delete topic.steps.done;
        delete topic.steps.person;
      }),
    );
    assert.ok(
      errors.some((e) => e.includes('never reaches an end')),
      errors.join('\n'),
    );
  });

  it('reports a key missing in a locale', () => {
    const errors = validateSample(sampleData(), ['topics:sample.reason']);
    assert.ok(
      errors.some((e) => e.includes("'topics:sample.reason' is missing")),
      errors.join('\n'),
    );
  });

  it('reports an engine key missing in a locale', () => {
    const errors = validateSample(sampleData(), ['chat:welcome.safety']);
    assert.ok(
      errors.some((e) => e.includes("engine: key 'chat:welcome.safety' is missing")),
      errors.join('\n'),
    );
  });

  it('reports one trigger under two topics, whatever its case and punctuation', () => {
    const data = sampleData();
    data.topics[1].triggers.en.push('DOCUMENT PHOTO UNCLEAR!');
    const errors = validateDialogData({
      data,
      localeKeys: () => new Set([...SAMPLE_KEYS, ...ENGINE_KEYS]),
      engineKeys: ENGINE_KEYS,
    }).errors;
    assert.ok(
      errors.some((e) => e.includes('belongs to both')),
      errors.join('\n'),
    );
  });

  it('reports a trigger that is also a command phrase', () => {
    const errors = validateSample(
      sampleData((topic) => {
        topic.triggers.en.push('Talk to a person');
      }),
    );
    assert.ok(
      errors.some((e) => e.includes("'command human'") && e.includes("'photo_unclear'")),
      errors.join('\n'),
    );
  });

  it("reports a trigger that has another service's phrase in it, as it could never match", () => {
    const data = sampleData((topic) => {
      topic.triggers.en.push('photo rejected and withdrawal pending');
    });
    const errors = validateSample({ ...data, otherServices: ['withdrawal pending'] });
    assert.ok(
      errors.some((e) => e.includes("'photo rejected and withdrawal pending'") && e.includes('other-services')),
      errors.join('\n'),
    );
    assert.deepEqual(validateSample({ ...sampleData(), otherServices: ['withdrawal pending'] }), []);
  });

  it('reports a topic pair whose topic does not exist', () => {
    const pair = { first: ['buy'], second: ['verified account'] };
    const errors = validateSample({ ...sampleData(), topicPairs: [{ topic: 'no_such_topic', ...pair }] });
    assert.ok(
      errors.some((e) => e.includes("'no_such_topic' is not a topic")),
      errors.join('\n'),
    );
    assert.deepEqual(validateSample({ ...sampleData(), topicPairs: [{ topic: 'photo_unclear', ...pair }] }), []);
  });

  it('reports a file whose name is not its topic id', () => {
    const data = sampleData();
    data.files.set('photo_unclear', 'dialogs/photo_blurry.json');
    const errors = validateDialogData({
      data,
      localeKeys: () => new Set([...SAMPLE_KEYS, ...ENGINE_KEYS]),
      engineKeys: ENGINE_KEYS,
    }).errors;
    assert.ok(
      errors.some((e) => e.includes('dialogs/photo_blurry.json') && e.includes('file name')),
      errors.join('\n'),
    );
  });

  it('reports a missing cause topic', () => {
    const data = sampleData();
    data.topics = data.topics.filter((t) => t.id !== 'attempts_limited');
    const errors = validateDialogData({
      data,
      localeKeys: () => new Set([...SAMPLE_KEYS, ...ENGINE_KEYS]),
      engineKeys: ENGINE_KEYS,
    }).errors;
    assert.ok(
      errors.some((e) => e.includes("no topic file for 'attempts_limited'")),
      errors.join('\n'),
    );
  });

  it('reports a goto to a topic that does not exist', () => {
    const errors = validateSample(
      sampleData((topic) => {
        topic.steps.done = { type: 'goto', topic: 'no_such_topic' };
      }),
    );
    assert.ok(
      errors.some((e) => e.includes("goto topic 'no_such_topic'")),
      errors.join('\n'),
    );
  });

  it('reports a safety topic that ends with tips', () => {
    const errors = validateSample(
      sampleData((topic) => {
        topic.id = 'safety_sample';
        topic.kind = 'safety';
      }),
    );
    assert.ok(
      errors.some((e) => e.includes('safety topic must not end with tips')),
      errors.join('\n'),
    );
  });
});
