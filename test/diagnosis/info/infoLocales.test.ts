import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { checkInfo } from '../../../src/diagnosis/info/infoCheck';
import { INFO_MESSAGE_PARAMS, type InfoFinding } from '../../../src/diagnosis/info/infoFinding';
import { INFO_RULE_IDS } from '../../../src/diagnosis/info/infoRuleIds';
import { ALL_CASES, TODAY } from './infoCases';

const LOCALES = ['en', 'zh-CN'] as const;
const LOCALES_DIR = path.join(__dirname, '..', '..', '..', 'locales');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Texts of the `info` namespace by dotted key, read straight from the file that ships. */
function readInfoTexts(locale: string): Map<string, string> {
  const texts = new Map<string, string>();
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'string') texts.set(prefix, value);
    else if (isRecord(value))
      for (const [key, child] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, child);
  };
  walk('', JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, 'info.json'), 'utf8')));
  return texts;
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((match) => match[1] ?? '');
}

/** The key i18next resolves for a finding, context variant included. */
function resolvedKey(finding: InfoFinding): string {
  const context = finding.messageParams.context;
  return typeof context === 'string' && context !== '' ? `${finding.messageKey}_${context}` : finding.messageKey;
}

function allFindings(): InfoFinding[] {
  return ALL_CASES.flatMap((row) => checkInfo(row.input, { today: TODAY, ...row.options }).findings);
}

describe('info check: locale texts', () => {
  const texts = new Map(LOCALES.map((locale) => [locale, readInfoTexts(locale)]));
  const translators = new Map<string, TFunction>();

  before(async () => {
    const instance = i18next.createInstance();
    await instance.init({
      resources: Object.fromEntries(
        LOCALES.map((locale) => [
          locale,
          { info: JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, 'info.json'), 'utf8')) as object },
        ]),
      ),
      lng: 'en',
      fallbackLng: false,
      ns: ['info'],
      defaultNS: 'info',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    for (const locale of LOCALES) translators.set(locale, instance.getFixedT(locale, 'info'));
  });

  it('has a message for every rule id in every locale', () => {
    const missing = LOCALES.flatMap((locale) =>
      INFO_RULE_IDS.filter((rule) => !texts.get(locale)?.has(`rules.${rule}`)).map((rule) => `${locale} rules.${rule}`),
    );
    assert.deepEqual(missing, []);
  });

  it('has the same keys in English and Chinese', () => {
    const en = [...(texts.get('en')?.keys() ?? [])].sort();
    const zh = [...(texts.get('zh-CN')?.keys() ?? [])].sort();
    assert.deepEqual(zh, en);
  });

  it('has the texts the dialog needs: prompts, skip, privacy notice, all-match, consent', () => {
    const needed = [
      'privacy',
      'skip',
      'allMatch',
      'consent.readFromPhoto',
      'prompt.name',
      'prompt.dateOfBirth',
      'prompt.documentNumber',
    ];
    for (const locale of LOCALES)
      for (const key of needed) assert.ok(texts.get(locale)?.get(key)?.trim(), `${locale} ${key}`);
  });

  it('uses only the documented message parameters', () => {
    const allowed = new Set<string>(INFO_MESSAGE_PARAMS);
    const wrong = LOCALES.flatMap((locale) =>
      [...(texts.get(locale) ?? [])].flatMap(([key, text]) =>
        placeholdersOf(text)
          .filter((name) => !allowed.has(name))
          .map((name) => `${locale} ${key}: ${name}`),
      ),
    );
    assert.deepEqual(wrong, []);
  });

  it('is exercised by the rule tables: every rule id is produced by at least one case', () => {
    const produced = new Set(allFindings().map((finding) => finding.rule));
    assert.deepEqual(
      INFO_RULE_IDS.filter((rule) => !produced.has(rule)),
      [],
    );
  });

  it('provides every placeholder of the resolved text in each finding of the rule tables', () => {
    const problems: string[] = [];
    for (const finding of allFindings()) {
      for (const locale of LOCALES) {
        const key = resolvedKey(finding);
        const text = texts.get(locale)?.get(key);
        if (text === undefined) {
          problems.push(`${locale} ${key} missing`);
          continue;
        }
        for (const name of placeholdersOf(text)) {
          if (!(name in finding.messageParams)) problems.push(`${locale} ${key} needs {{${name}}}`);
        }
      }
    }
    assert.deepEqual([...new Set(problems)], []);
  });

  it('renders every finding of the rule tables in both languages with nothing left unresolved', () => {
    for (const finding of allFindings()) {
      for (const locale of LOCALES) {
        const t = translators.get(locale);
        assert.ok(t !== undefined);
        const message = t(finding.messageKey, finding.messageParams);
        assert.notEqual(message, finding.messageKey, `${locale} ${finding.messageKey}`);
        assert.ok(!message.includes('{{'), `${locale} ${finding.messageKey}: ${message}`);
        if (
          finding.suggestion !== undefined &&
          texts.get(locale)?.get(resolvedKey(finding))?.includes('{{suggestion}}')
        ) {
          assert.ok(message.includes(finding.suggestion), `${locale} ${finding.messageKey} shows the value to type`);
        }
      }
    }
  });

  it('renders the example from the issue: leading zeros with the printed date', () => {
    const [finding] = checkInfo(
      { entered: { dateOfBirth: '2000-4-8' }, document: { dateOfBirth: '08.04.2000' } },
      { today: TODAY },
    ).findings;
    assert.ok(finding !== undefined);
    const message = translators.get('en')?.(finding.messageKey, finding.messageParams);
    assert.equal(
      message,
      'You typed `2000-4-8`; the document says 08.04.2000. Month and day need two digits each: type `2000-04-08`.',
    );
  });
});
