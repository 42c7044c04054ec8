import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLocaleParity, LANGUAGE_COMMAND_IDS, pluralCategoriesFor } from '../../scripts/checkLanguageData';

const REPO = path.resolve(__dirname, '..', '..');

function writeJson(root: string, relative: string, value: unknown): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

/** A miniature repository: one topic, one command, English text with a plural and a placeholder. */
function fixture(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'locale-parity-'));
  writeJson(root, 'dialogs/photo_unclear.json', { id: 'photo_unclear', kind: 'cause' });
  writeJson(root, 'dialogs/commands.json', { menu: {} });
  writeJson(root, 'locales/en/chat.json', {
    hello: 'Hi {{brand}}',
    list: 'a\nb',
    found_one: '{{count}} thing',
    found_other: '{{count}} things',
    date_leading_zero: 'not a plural',
  });
  return root;
}

describe('locale parity check', () => {
  it('finds nothing wrong in the committed locales, triggers and utterances', () => {
    assert.deepEqual(checkLocaleParity(REPO), []);
  });

  it('asks Russian for one/few/many/other, Turkish for one/other and Vietnamese only for other', () => {
    assert.deepEqual([...pluralCategoriesFor('ru').required].sort(), ['few', 'many', 'one', 'other']);
    assert.deepEqual([...pluralCategoriesFor('tr').required].sort(), ['one', 'other']);
    assert.deepEqual([...pluralCategoriesFor('vi').required], ['other']);
  });

  it('reports missing and extra keys, changed placeholders, lost line breaks and missing plural forms', () => {
    const root = fixture();
    writeJson(root, 'locales/ru/chat.json', {
      hello: 'Привет {{name}}',
      list: 'a b',
      found_one: '{{count}} вещь',
      found_other: '{{count}} вещи',
      date_leading_zero: 'не множественное',
      extra: 'лишний',
    });
    writeJson(root, 'locales/vi/chat.json', {
      hello: 'Chào {{brand}}',
      list: 'a\nb',
      found_one: '{{count}} thứ',
      found_other: '{{count}} thứ',
    });
    const problems = checkLocaleParity(root);
    for (const expected of [
      'locales/ru/chat.json: hello has placeholders [name], en has [brand]',
      'locales/ru/chat.json: list has 0 line breaks, en has 1',
      'locales/ru/chat.json: missing plural found_few',
      'locales/ru/chat.json: missing plural found_many',
      'locales/ru/chat.json: extra key extra',
      'locales/vi/chat.json: missing date_leading_zero',
      'locales/vi/chat.json: found_one: vi has no "one" form',
    ]) {
      assert.ok(problems.includes(expected), `expected "${expected}" in:\n${problems.join('\n')}`);
    }
  });

  it('reports thin trigger lists, missing commands, shared phrases, hidden person requests and copied held-out lines', () => {
    const root = fixture();
    const commands = Object.fromEntries(['menu', ...LANGUAGE_COMMAND_IDS].map((id) => [id, ['x' + id]]));
    delete commands.language_tr;
    commands.menu = ['bulanık fotoğraf'];
    commands.human = ['canlı destek'];
    writeJson(root, 'dialogs/triggers/tr.json', {
      topics: { photo_unclear: ['bulanık fotoğraf', 'Fotoğraf net değil', 'canlı destek fotoğrafı reddetti'] },
      commands,
    });
    const lines = [{ text: 'Fotoğraf net değil!', locale: 'tr', topic: 'photo_unclear', holdout: true }];
    writeJson(root, 'test/conversation/utterances/tr.json', lines);
    const problems = checkLocaleParity(root);
    for (const expected of [
      'dialogs/triggers/tr.json: photo_unclear has 3 phrases, needs 12',
      'dialogs/triggers/tr.json: photo_unclear phrase "canlı destek fotoğrafı reddetti" contains the person request "canlı destek"',
      'dialogs/triggers/tr.json: language_tr has 0 phrases, needs 1',
      'dialogs/triggers/tr.json: "bulanık fotoğraf" is both photo_unclear and menu',
      'test/conversation/utterances/tr.json: held-out "Fotoğraf net değil!" is copied from the triggers',
      'test/conversation/utterances/tr.json: 1 utterances, needs 48',
      'test/conversation/utterances/tr.json: photo_unclear has 1 utterances, needs 3',
    ]) {
      assert.ok(problems.includes(expected), `expected "${expected}" in:\n${problems.join('\n')}`);
    }
  });
});
