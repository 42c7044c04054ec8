import assert from 'node:assert/strict';
import { z } from 'zod';
import { INFO_FIELDS } from '../../src/diagnosis/info/infoFinding';
import { INFO_RULE_IDS } from '../../src/diagnosis/info/infoRuleIds';
import { startApp, type RunningApp } from '../support/appHarness';
import { errorBody, jsonOf } from '../support/json';

// Strict: the response carries rendered messages, never the internal messageKey/messageParams.
const infoFinding = z.strictObject({
  field: z.enum(INFO_FIELDS),
  rule: z.enum(INFO_RULE_IDS),
  entered: z.string(),
  document: z.string().optional(),
  positions: z.array(z.number().int().nonnegative()),
  suggestion: z.string().optional(),
  message: z.string().min(1),
});
const infoBody = z.strictObject({ match: z.boolean(), findings: z.array(infoFinding) });
type InfoBody = z.infer<typeof infoBody>;

const PATH = '/api/diagnose/info';
const HAN = /[\u4e00-\u9fff]/;
const CN_ID_2000_04_08 = '110105200004081231';

async function check(running: RunningApp, body: unknown, headers: Record<string, string> = {}): Promise<InfoBody> {
  const res = await running.post(PATH, body, headers);
  assert.equal(res.status, 200, `expected 200 for ${JSON.stringify(body)}`);
  return jsonOf(res, infoBody);
}

function rulesOf(body: InfoBody): string[] {
  return body.findings.map((f) => f.rule);
}

async function refusal(res: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = await jsonOf(res, errorBody);
  return { status: res.status, ...error };
}

describe('POST /api/diagnose/info', function () {
  this.timeout(60_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp();
  });
  after(async () => running.stop());

  describe('privacy', () => {
    it('never echoes a document number beyond its last 4 characters, and is never cached', async () => {
      const requests = [
        {
          entered: { documentNumber: 'E1234567O' },
          document: { documentNumber: 'E12345670' },
          documentType: 'passport',
        },
        { entered: { documentNumber: '11010520000408001x' }, documentType: 'cn_resident_id' },
        { entered: { documentNumber: 'e12345678' }, document: { documentNumber: 'E12345678' } },
      ];
      for (const request of requests) {
        const res = await running.post(PATH, request);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        const text = await res.text();
        assert.ok(text.includes('"findings":[{'), `a finding to look at: ${text}`);
        for (const value of [request.entered.documentNumber, request.document?.documentNumber ?? '']) {
          const head = value.slice(0, -4);
          if (head) assert.ok(!text.toUpperCase().includes(head.toUpperCase()), `${value} leaked: ${text}`);
        }
      }
    });
  });

  describe('answers', () => {
    it('names the missing leading zeros with their positions, the document value and the value to type', async () => {
      const body = await check(running, {
        entered: { dateOfBirth: '2000-4-8' },
        document: { dateOfBirth: '08.04.2000' },
      });
      assert.deepEqual(body, {
        match: false,
        findings: [
          {
            field: 'dateOfBirth',
            rule: 'date_leading_zero',
            entered: '2000-4-8',
            document: '08.04.2000',
            positions: [5, 7],
            suggestion: '2000-04-08',
            message:
              'You typed `2000-4-8`; the document says 08.04.2000. Month and day need two digits each: type `2000-04-08`.',
          },
        ],
      });
    });

    it('writes the message in Chinese when the body asks for zh-CN', async () => {
      const body = await check(running, {
        entered: { dateOfBirth: '2000-4-8' },
        document: { dateOfBirth: '08.04.2000' },
        locale: 'zh-CN',
      });
      assert.equal(
        body.findings[0]?.message,
        '您填的是 `2000-4-8`，证件上是 08.04.2000。月和日都要写两位数，请输入 `2000-04-08`。',
      );
    });

    it('writes the message in Chinese when only Accept-Language asks for it', async () => {
      const body = await check(
        running,
        { entered: { name: 'Zhang  San' } },
        { 'accept-language': 'de-DE,zh-CN;q=0.9,en;q=0.5' },
      );
      assert.equal(body.findings[0]?.message, '`Zhang  San` 里连着打了两个空格，证件上只有一个。请输入 `Zhang San`。');
    });

    it('lets the body locale win over Accept-Language and falls back to English for an unsupported one', async () => {
      const english = await check(
        running,
        { entered: { name: 'Zhang  San' }, locale: 'en' },
        { 'accept-language': 'zh-CN' },
      );
      assert.doesNotMatch(english.findings[0]?.message ?? '', HAN);
      const german = await check(running, { entered: { name: 'Zhang  San' }, locale: 'de' });
      assert.equal(
        german.findings[0]?.message,
        '`Zhang  San` has two spaces in a row where the document has one. Type `Zhang San`.',
      );
    });

    it('says match with no findings when every value is typed as printed', async () => {
      const body = await check(running, {
        entered: { name: 'Zhang San', dateOfBirth: '2000-04-08', documentNumber: 'E12345678' },
        document: { name: 'ZHANG SAN', dateOfBirth: '08 APR 2000', documentNumber: 'E12345678' },
        documentType: 'passport',
      });
      assert.deepEqual(body, { match: true, findings: [] });
    });

    const families: { family: string; request: object; expected: Partial<z.infer<typeof infoFinding>> }[] = [
      {
        family: 'a name: the middle dot of a transliterated Chinese name typed as a full stop',
        request: { entered: { name: '阿卜杜拉.买买提' }, document: { name: '阿卜杜拉·买买提' } },
        expected: { field: 'name', rule: 'name_middle_dot', positions: [4], suggestion: '阿卜杜拉·买买提' },
      },
      {
        family: 'a name: an accent left out',
        request: { entered: { name: 'Jose Garcia' }, document: { name: 'José García' } },
        expected: { field: 'name', rule: 'name_diacritics', positions: [3, 9], suggestion: 'José García' },
      },
      {
        family: 'a date: day and month that can be read both ways, asked about instead of guessed',
        request: { entered: { dateOfBirth: '08/04/2000' } },
        expected: { field: 'dateOfBirth', rule: 'date_day_month_ambiguous', positions: [0, 1, 3, 4] },
      },
      {
        family: 'a date: a two-digit year',
        request: { entered: { dateOfBirth: '85-04-08' } },
        expected: { field: 'dateOfBirth', rule: 'date_two_digit_year', suggestion: '1985-04-08' },
      },
      {
        family: 'a document number: the letter O typed for a zero',
        request: {
          entered: { documentNumber: 'E1234567O' },
          document: { documentNumber: 'E12345670' },
          documentType: 'passport',
        },
        expected: {
          field: 'documentNumber',
          rule: 'document_number_letter_digit',
          positions: [8],
          suggestion: '*****5670',
        },
      },
      {
        family: 'a document number: a lower-case x at the end of a resident ID',
        request: { entered: { documentNumber: '11010520000408001x' }, documentType: 'cn_resident_id' },
        expected: {
          field: 'documentNumber',
          rule: 'document_number_trailing_x',
          positions: [17],
          suggestion: '**************001X',
        },
      },
      {
        family: 'any field: full-width letters from an input method',
        request: { entered: { name: 'ＬＩ　ＬＥＩ' } },
        expected: { field: 'name', rule: 'full_width', positions: [0, 1, 2, 3, 4, 5], suggestion: 'LI LEI' },
      },
    ];
    for (const { family, request, expected } of families) {
      it(`finds ${family}`, async () => {
        const body = await check(running, request);
        assert.equal(body.match, false);
        assert.equal(body.findings.length, 1, JSON.stringify(body.findings));
        const [finding] = body.findings;
        // Equal once the expected properties are laid over it: every expected property matches.
        assert.deepEqual(finding, { ...finding, ...expected });
        if (expected.suggestion === undefined)
          assert.equal(finding.suggestion, undefined, 'a question has no value to type');
        else assert.ok(finding.message.includes(expected.suggestion), finding.message);
      });
    }

    it('asks which date was meant, naming both readings, without a suggestion', async () => {
      const body = await check(running, { entered: { dateOfBirth: '08/04/2000' } });
      assert.equal(
        body.findings[0]?.message,
        '`08/04/2000` could mean 2000-04-08 or 2000-08-04: day and month can be read both ways. Which one is printed on your document? Type it as YYYY-MM-DD.',
      );
    });
  });

  describe('a Chinese resident ID with no document values', () => {
    it('compares the birth date inside the number with the typed date of birth', async () => {
      const body = await check(running, {
        entered: { dateOfBirth: '2000-04-09', documentNumber: CN_ID_2000_04_08 },
        documentType: 'cn_resident_id',
      });
      assert.deepEqual(body.findings, [
        {
          field: 'dateOfBirth',
          rule: 'cn_id_birth_date',
          entered: '2000-04-09',
          positions: [8, 9],
          suggestion: '2000-04-08',
          message:
            'Your ID number contains your date of birth (2000-04-08, characters 7 to 14), but you typed `2000-04-09`. Type `2000-04-08`.',
        },
      ]);
    });

    it('reports a wrong check character with the expected one and no value to type, also for "ID card"', async () => {
      const body = await check(running, {
        entered: { dateOfBirth: '2000-04-08', documentNumber: '110105200004081232' },
        documentType: 'id_card',
        locale: 'zh-CN',
      });
      assert.deepEqual(rulesOf(body), ['cn_id_check_character']);
      const [finding] = body.findings;
      assert.equal(finding.document, undefined);
      assert.equal(finding.suggestion, undefined);
      assert.deepEqual(finding.positions, [17]);
      assert.match(finding.message, /最后一位应该是 1，您填的是 2/);
    });

    it('accepts a valid number whose birth date matches the typed one', async () => {
      const body = await check(running, { entered: { dateOfBirth: '2000-04-08', documentNumber: CN_ID_2000_04_08 } });
      assert.deepEqual(body, { match: true, findings: [] });
    });
  });

  describe('refuses malformed requests with a JSON error that never repeats the values', () => {
    // `names`: how the message points at the offending field (a path, or the unknown key itself).
    const refused: { what: string; body: unknown; names: string }[] = [
      { what: 'an empty body', body: '', names: 'body:' },
      { what: 'an empty object', body: {}, names: 'entered:' },
      { what: 'entered with no values', body: { entered: {} }, names: 'entered:' },
      { what: 'entered with only blank values', body: { entered: { name: '   ' } }, names: 'entered:' },
      { what: 'a JSON array', body: [], names: 'body:' },
      { what: 'a number where a name belongs', body: { entered: { name: 123 } }, names: 'entered.name:' },
      {
        what: 'a misspelt key',
        body: { entered: { name: 'Zhang San' }, documnet: { name: 'ZHANG SAN' } },
        names: 'body: Unrecognized key: "documnet"',
      },
      {
        what: 'an unknown document type',
        body: { entered: { name: 'Zhang San' }, documentType: 'driving_licence' },
        names: 'documentType:',
      },
      { what: 'a 10 kB name', body: { entered: { name: 'Zhang San '.repeat(1024) } }, names: 'entered.name:' },
      {
        what: 'a 10 kB printed number',
        body: { entered: { documentNumber: 'E12345678' }, document: { documentNumber: '9'.repeat(10_240) } },
        names: 'document.documentNumber:',
      },
      { what: 'a tab inside a name', body: { entered: { name: 'Zhang\tSan' } }, names: 'entered.name:' },
      {
        what: 'a line break inside a date',
        body: { entered: { dateOfBirth: '2000-04-08\n' } },
        names: 'entered.dateOfBirth:',
      },
      {
        what: 'a NUL inside a number',
        body: { entered: { documentNumber: 'E1234\u00005678' } },
        names: 'entered.documentNumber:',
      },
    ];
    for (const { what, body, names } of refused) {
      it(`refuses ${what} with 400 saying "${names}"`, async () => {
        const error = await refusal(await running.post(PATH, body));
        assert.equal(error.status, 400);
        assert.equal(error.code, 'bad_request');
        assert.ok(error.message.startsWith(names), error.message);
        assert.doesNotMatch(error.message, /Zhang|E1234|99999/, 'the error must not echo a typed value');
      });
    }

    it('refuses broken JSON with 400', async () => {
      const error = await refusal(await running.post(PATH, '{"entered": {"name": "Zhang'));
      assert.deepEqual([error.status, error.code], [400, 'bad_request']);
    });

    it('refuses a body other than JSON with 415', async () => {
      for (const [contentType, text] of [
        ['text/plain', '{"entered":{"name":"Zhang San"}}'],
        ['application/x-www-form-urlencoded', 'entered[name]=Zhang+San'],
      ]) {
        const res = await running.post(PATH, text, { 'content-type': contentType });
        const error = await refusal(res);
        assert.deepEqual([error.status, error.code], [415, 'unsupported_media_type'], contentType);
      }
    });
  });

  describe('answers strange but valid text without crashing', () => {
    it('reports a right-to-left override pasted before a name as a hidden character at its position', async () => {
      const body = await check(running, { entered: { name: '\u202EZhang San' }, document: { name: 'ZHANG SAN' } });
      assert.deepEqual(rulesOf(body), ['hidden_character']);
      assert.deepEqual(body.findings[0]?.positions, [0]);
      assert.equal(body.findings[0]?.entered, '\u202EZhang San', 'entered is the value as received');
      assert.equal(body.findings[0]?.suggestion, 'Zhang San');
    });

    it('reports a zero-width space and a right-to-left mark in an Arabic name', async () => {
      const zeroWidth = await check(running, { entered: { name: 'Zhang\u200B San' } });
      assert.deepEqual(rulesOf(zeroWidth), ['hidden_character']);
      assert.deepEqual(zeroWidth.findings[0]?.positions, [5]);
      const arabic = await check(running, { entered: { name: '\u200Fمحمد علي' }, locale: 'zh-CN' });
      assert.deepEqual(rulesOf(arabic), ['hidden_character']);
      assert.match(arabic.findings[0]?.message ?? '', /1 个看不见/);
    });

    it('reports a Cyrillic letter inside a Latin name and accepts a name wholly in Cyrillic', async () => {
      const mixed = await check(running, { entered: { name: 'Zhang S\u0430n' } });
      assert.deepEqual(
        mixed.findings.map((f) => [f.rule, f.positions, f.suggestion]),
        [['mixed_script', [7], 'Zhang San']],
      );
      assert.deepEqual(await check(running, { entered: { name: 'Анна Иванова' } }), { match: true, findings: [] });
    });

    it('reports a pinyin name typed for a name printed in Chinese characters as a plain mismatch', async () => {
      const body = await check(running, { entered: { name: 'Zhang 三' }, document: { name: '张三' } });
      assert.deepEqual(
        body.findings.map((f) => [f.rule, f.suggestion]),
        [['name_mismatch', '张三']],
      );
    });

    it('counts positions in code points across a character outside the BMP', async () => {
      const body = await check(running, { entered: { name: '𠮷野 家' }, document: { name: '𠮷野家' } });
      assert.deepEqual(
        body.findings.map((f) => [f.rule, f.positions]),
        [['name_extra_space', [2]]],
      );
    });

    const impossible: [string, RegExp][] = [
      ['2000-02-30', /that month does not have that day/],
      ['2001-02-29', /that month does not have that day/],
      ['2000-13-01', /there is no such month/],
      ['2099-01-01', /in the future/],
    ];
    for (const [date, message] of impossible) {
      it(`reports ${date} as not a real date of birth`, async () => {
        const body = await check(running, { entered: { dateOfBirth: date } });
        assert.deepEqual(rulesOf(body), ['date_invalid']);
        assert.equal(body.findings[0]?.suggestion, undefined);
        assert.match(body.findings[0]?.message ?? '', message);
      });
    }

    it('suggests the printed date for an impossible typed one', async () => {
      const body = await check(running, {
        entered: { dateOfBirth: '2000-02-30' },
        document: { dateOfBirth: '28.02.2000' },
      });
      assert.deepEqual(
        body.findings.map((f) => [f.rule, f.suggestion]),
        [['date_invalid', '2000-02-28']],
      );
    });
  });

  describe('with DIAGNOSE_API_KEY set', () => {
    const apiKey = 'info-route-test-key-0123456789';
    let guarded: RunningApp;
    before(async () => {
      guarded = await startApp({ DIAGNOSE_API_KEY: apiKey });
    });
    after(async () => guarded.stop());
    const body = { entered: { name: 'Zhang  San' } };

    it('refuses a request without the bearer key, or with a wrong one, with 401', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong-key-wrong-key-wrong' },
        { authorization: apiKey },
      ];
      for (const headers of attempts) {
        const res = await guarded.post(PATH, body, headers);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        const error = await refusal(res);
        assert.deepEqual([error.status, error.code], [401, 'unauthorized'], JSON.stringify(headers));
      }
    });

    it('answers a request with the bearer key', async () => {
      const res = await guarded.post(PATH, body, { authorization: `Bearer ${apiKey}` });
      assert.equal(res.status, 200);
      assert.deepEqual(rulesOf(await jsonOf(res, infoBody)), ['name_double_space']);
    });
  });
});
