import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { formatDate } from '../../../src/diagnosis/info/calendarDate';
import { DEFAULT_INFO_SETTINGS, displayDateFormat, infoSettingsSchema } from '../../../src/diagnosis/info/infoSettings';

describe('info settings', () => {
  it('reads the info key of dialogs/settings.json', () => {
    const file: unknown = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', '..', 'dialogs', 'settings.json'), 'utf8'),
    );
    const info = typeof file === 'object' && file !== null && 'info' in file ? file.info : undefined;
    const settings = infoSettingsSchema.parse(info);
    assert.equal(displayDateFormat(settings), 'YYYY-MM-DD');
  });

  it('defaults to ISO dates and capitals-insensitive names', () => {
    assert.equal(DEFAULT_INFO_SETTINGS.dateFormat, 'YYYY-MM-DD');
    assert.equal(DEFAULT_INFO_SETTINGS.nameCase, 'ignoreAllCaps');
  });

  it('formats a date in each supported form', () => {
    const date = { year: 2000, month: 4, day: 8 };
    const cases: [unknown, string][] = [
      [{}, '2000-04-08'],
      [{ dateFormat: 'DD-MM-YYYY', dateSeparator: '.' }, '08.04.2000'],
      [{ dateFormat: 'MM-DD-YYYY', dateSeparator: '/' }, '04/08/2000'],
    ];
    for (const [raw, expected] of cases) assert.equal(formatDate(date, infoSettingsSchema.parse(raw)), expected);
  });

  it('rejects an unknown date format, separator, printed date order or key', () => {
    for (const bad of [
      { dateFormat: 'YYYY-DD-MM' },
      { dateSeparator: ',' },
      { nameCase: 'loose' },
      { printedDateOrder: 'YMD' },
      { datefmt: 'x' },
    ]) {
      assert.equal(infoSettingsSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});
