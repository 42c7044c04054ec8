import type { InfoCheckInput, InfoCheckOptions } from '../../../src/diagnosis/info/infoCheck';
import type { InfoField } from '../../../src/diagnosis/info/infoFinding';
import type { InfoRuleId } from '../../../src/diagnosis/info/infoRuleIds';
import { infoSettingsSchema } from '../../../src/diagnosis/info/infoSettings';

/** What one finding must look like; omitted properties are not checked. */
export interface ExpectedFinding {
  rule: InfoRuleId;
  field?: InfoField;
  positions?: number[];
  /** `null`: the finding must have no suggestion (the bot has to ask). */
  suggestion?: string | null;
}

/** One row of a rule table: `expect: []` means the values match and nothing may be flagged. */
export interface InfoCase {
  behaviour: string;
  input: InfoCheckInput;
  options?: InfoCheckOptions;
  expect: ExpectedFinding[];
}

/** A fixed "today" so that future-date and two-digit-year rules do not depend on the clock. */
export const TODAY = new Date('2026-06-01T00:00:00Z');

// Resident ID numbers with correct check characters (see cnResidentId.test.ts for the maths).
export const CN_ID_2000_04_08 = '110105200004081231';
export const CN_ID_2000_04_08_X = '11010520000408001X';
export const CN_ID_1992_02_29 = '440306199202290032';

/** Dots people transcribe from a Chinese document instead of its middle dot U+00B7. */
const DOCUMENT_DOT_LOOKALIKES: [string, string][] = [
  ['\u30fb', 'a katakana middle dot (U+30FB)'],
  ['\uff65', 'a half-width katakana middle dot (U+FF65)'],
  ['\u2022', 'a bullet (U+2022)'],
  ['\uff0e', 'a full-width full stop (U+FF0E)'],
  ['.', 'a full stop'],
];

export const NAME_CASES: InfoCase[] = [
  {
    behaviour: 'accepts a name typed exactly as printed',
    input: { entered: { name: 'Zhang San' }, document: { name: 'Zhang San' } },
    expect: [],
  },
  {
    behaviour: 'accepts title case against a passport name printed in capitals',
    input: { entered: { name: 'Zhang San' }, document: { name: 'ZHANG SAN' } },
    expect: [],
  },
  {
    behaviour: 'accepts capitals against a name printed in title case',
    input: { entered: { name: 'ZHANG SAN' }, document: { name: 'Zhang San' } },
    expect: [],
  },
  {
    behaviour: 'accepts a Chinese name typed exactly as printed',
    input: { entered: { name: '买买提·艾力' }, document: { name: '买买提·艾力' } },
    expect: [],
  },
  {
    behaviour: 'accepts a name with accents typed with the same accents',
    input: { entered: { name: 'José García' }, document: { name: 'José García' } },
    expect: [],
  },
  {
    behaviour: 'accepts a decomposed accent (e + combining acute) against a precomposed é',
    input: { entered: { name: 'Jose\u0301 Garci\u0301a' }, document: { name: 'José García' } },
    expect: [],
  },
  {
    behaviour: 'accepts a plain name with nothing to compare against',
    input: { entered: { name: 'Zhang San' } },
    expect: [],
  },
  {
    behaviour: 'ignores stray spaces in the document value the user transcribed',
    input: { entered: { name: 'Zhang San' }, document: { name: ' ZHANG  SAN ' } },
    expect: [],
  },
  {
    behaviour: 'accepts a hyphenated name typed as printed',
    input: { entered: { name: 'Anne-Marie Dupont' }, document: { name: 'ANNE-MARIE DUPONT' } },
    expect: [],
  },
  {
    behaviour: 'flags a double space between surname and given name',
    input: { entered: { name: 'Zhang  San' }, document: { name: 'ZHANG SAN' } },
    expect: [{ rule: 'name_double_space', field: 'name', positions: [6], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a double space even without a document',
    input: { entered: { name: 'Li  Xiaoming' } },
    expect: [{ rule: 'name_double_space', positions: [3], suggestion: 'Li Xiaoming' }],
  },
  {
    behaviour: 'flags a trailing space as an extra space',
    input: { entered: { name: 'Zhang San ' }, document: { name: 'Zhang San' } },
    expect: [{ rule: 'name_extra_space', positions: [9], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags leading and trailing spaces without a document',
    input: { entered: { name: ' Zhang San ' } },
    expect: [{ rule: 'name_extra_space', positions: [0, 10], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a space inside a surname the document writes in one piece',
    input: { entered: { name: 'Ou Yang Ming' }, document: { name: 'OUYANG MING' } },
    expect: [{ rule: 'name_extra_space', positions: [2], suggestion: 'OuYang Ming' }],
  },
  {
    behaviour: 'flags a missing space between surname and given name',
    input: { entered: { name: 'ZhangSan' }, document: { name: 'Zhang San' } },
    expect: [{ rule: 'name_missing_space', positions: [5], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'accepts a three-part name typed as printed',
    input: { entered: { name: 'Maria Luisa Gomez' }, document: { name: 'MARIA LUISA GOMEZ' } },
    expect: [],
  },
  {
    behaviour: 'flags a missing space in a three-part name',
    input: { entered: { name: 'MariaLuisa Gomez' }, document: { name: 'MARIA LUISA GOMEZ' } },
    expect: [{ rule: 'name_missing_space', positions: [5], suggestion: 'Maria Luisa Gomez' }],
  },
  {
    behaviour: 'flags given name typed before the surname the document prints first',
    input: { entered: { name: 'San Zhang' }, document: { name: 'ZHANG SAN' } },
    expect: [{ rule: 'name_order', positions: [0, 1, 2, 4, 5, 6, 7, 8], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a swapped order and keeps the document form when case matters',
    input: { entered: { name: 'Smith John' }, document: { name: 'John Smith' } },
    expect: [{ rule: 'name_order', suggestion: 'John Smith' }],
  },
  {
    behaviour: 'flags a three-part name with the surname moved to the end',
    input: { entered: { name: 'Xiao Ming Li' }, document: { name: 'LI XIAO MING' } },
    expect: [{ rule: 'name_order', suggestion: 'Li Xiao Ming' }],
  },
  {
    behaviour: 'flags a case difference against a mixed-case printed name',
    input: { entered: { name: 'Mcdonald' }, document: { name: 'McDonald' } },
    expect: [{ rule: 'name_case', positions: [2], suggestion: 'McDonald' }],
  },
  {
    behaviour: 'flags a lower-case particle the document capitalises',
    input: { entered: { name: 'Ludwig van Beethoven' }, document: { name: 'Ludwig Van Beethoven' } },
    expect: [{ rule: 'name_case', positions: [7], suggestion: 'Ludwig Van Beethoven' }],
  },
  {
    behaviour: 'flags case against a capitals-only name when settings say case is strict',
    input: { entered: { name: 'Zhang San' }, document: { name: 'ZHANG SAN' } },
    options: { settings: infoSettingsSchema.parse({ nameCase: 'strict' }) },
    expect: [{ rule: 'name_case', positions: [1, 2, 3, 4, 7, 8], suggestion: 'ZHANG SAN' }],
  },
  {
    behaviour: 'ignores every case difference when settings say so',
    input: { entered: { name: 'mcdonald' }, document: { name: 'McDonald' } },
    options: { settings: infoSettingsSchema.parse({ nameCase: 'ignore' }) },
    expect: [],
  },
  {
    behaviour: 'flags a full stop typed instead of the middle dot',
    input: { entered: { name: '买买提.艾力' }, document: { name: '买买提·艾力' } },
    expect: [{ rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力' }],
  },
  {
    behaviour: 'flags a bullet (U+2022) typed instead of the middle dot',
    input: { entered: { name: '买买提•艾力' }, document: { name: '买买提·艾力' } },
    expect: [{ rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力' }],
  },
  {
    behaviour: 'flags a katakana middle dot (U+30FB) typed instead of the middle dot',
    input: { entered: { name: '买买提・艾力' }, document: { name: '买买提·艾力' } },
    expect: [{ rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力' }],
  },
  {
    behaviour: 'flags a half-width katakana middle dot (U+FF65)',
    input: { entered: { name: '买买提･艾力' }, document: { name: '买买提·艾力' } },
    expect: [{ rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力' }],
  },
  {
    behaviour: 'flags a full-width full stop (U+FF0E) as a middle-dot error, not a width error',
    input: { entered: { name: '买买提．艾力' }, document: { name: '买买提·艾力' } },
    expect: [{ rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力' }],
  },
  {
    behaviour: 'flags a space typed instead of the middle dot',
    input: { entered: { name: '买买提 艾力' }, document: { name: '买买提·艾力' } },
    expect: [{ rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力' }],
  },
  {
    behaviour: 'flags a missing middle dot at the character it should precede',
    input: { entered: { name: '买买提艾力' }, document: { name: '买买提·艾力' } },
    expect: [{ rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力' }],
  },
  {
    behaviour: 'flags a wrong dot in a Chinese name even without a document',
    input: { entered: { name: '阿卜杜拉.买买提' } },
    expect: [{ rule: 'name_middle_dot', positions: [4], suggestion: '阿卜杜拉·买买提' }],
  },
  {
    behaviour: 'flags spaces around a dot in a Chinese name without a document',
    input: { entered: { name: '买买提 • 艾力' } },
    expect: [
      { rule: 'name_extra_space', positions: [3, 5] },
      { rule: 'name_middle_dot', positions: [4], suggestion: '买买提·艾力' },
    ],
  },
  ...DOCUMENT_DOT_LOOKALIKES.flatMap(([dot, label]): InfoCase[] => [
    {
      behaviour: `accepts the middle dot against a document value transcribed with ${label}`,
      input: { entered: { name: '阿卜杜拉·买买提' }, document: { name: `阿卜杜拉${dot}买买提` } },
      expect: [],
    },
    {
      behaviour: `suggests the document's middle dot, not ${label}, for a wrong typed dot`,
      input: {
        entered: { name: `阿卜杜拉${dot === '.' ? '•' : '.'}买买提` },
        document: { name: `阿卜杜拉${dot}买买提` },
      },
      expect: [{ rule: 'name_middle_dot', positions: [4], suggestion: '阿卜杜拉·买买提' }],
    },
    {
      behaviour: `flags ${label} typed as transcribed from the document and suggests the middle dot`,
      input: { entered: { name: `阿卜杜拉${dot}买买提` }, document: { name: `阿卜杜拉${dot}买买提` } },
      expect: [{ rule: 'name_middle_dot', positions: [4], suggestion: '阿卜杜拉·买买提' }],
    },
    {
      behaviour: `flags a missing dot against a document value transcribed with ${label}`,
      input: { entered: { name: '阿卜杜拉买买提' }, document: { name: `阿卜杜拉${dot}买买提` } },
      expect: [{ rule: 'name_middle_dot', positions: [4], suggestion: '阿卜杜拉·买买提' }],
    },
  ]),
  {
    behaviour: 'accepts the middle dot against a transcribed document dot with spaces around it',
    input: { entered: { name: '阿卜杜拉·买买提' }, document: { name: '阿卜杜拉 ・ 买买提' } },
    expect: [],
  },
  {
    behaviour: 'keeps the full stop of a printed Latin name a full stop',
    input: { entered: { name: 'John F Kennedy' }, document: { name: 'JOHN F. KENNEDY' } },
    expect: [{ rule: 'name_mismatch', positions: [6], suggestion: 'John F. Kennedy' }],
  },
  {
    behaviour: 'accepts a Latin name with a full stop typed as printed',
    input: { entered: { name: 'John F. Kennedy' }, document: { name: 'JOHN F. KENNEDY' } },
    expect: [],
  },
  {
    behaviour: 'does not flag a full stop in a Latin name without a document',
    input: { entered: { name: 'John F. Kennedy' } },
    expect: [],
  },
  {
    behaviour: 'flags full-width Latin letters against a half-width document',
    input: { entered: { name: 'Ｚｈａｎｇ San' }, document: { name: 'ZHANG SAN' } },
    expect: [{ rule: 'full_width', positions: [0, 1, 2, 3, 4], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags full-width letters and an ideographic space without a document',
    input: { entered: { name: 'ＬＩ　ＬＥＩ' } },
    expect: [{ rule: 'full_width', positions: [0, 1, 2, 3, 4, 5], suggestion: 'LI LEI' }],
  },
  {
    behaviour: 'flags a missing accent',
    input: { entered: { name: 'Jose Garcia' }, document: { name: 'José García' } },
    expect: [{ rule: 'name_diacritics', positions: [3, 9], suggestion: 'José García' }],
  },
  {
    behaviour: 'flags a wrong accent',
    input: { entered: { name: 'Renè Dubois' }, document: { name: 'René Dubois' } },
    expect: [{ rule: 'name_diacritics', positions: [3], suggestion: 'René Dubois' }],
  },
  {
    behaviour: 'flags a stroke letter typed without its stroke',
    input: { entered: { name: 'Lech Walesa' }, document: { name: 'Lech Wałęsa' } },
    expect: [{ rule: 'name_diacritics', positions: [7, 8], suggestion: 'Lech Wałęsa' }],
  },
  {
    behaviour: 'flags the MRZ spelling UE typed for a printed Ü',
    input: { entered: { name: 'Hans Mueller' }, document: { name: 'Hans Müller' } },
    expect: [{ rule: 'name_mrz_spelling', positions: [6, 7], suggestion: 'Hans Müller' }],
  },
  {
    behaviour: 'flags the MRZ spelling SS typed for a printed ß',
    input: { entered: { name: 'Jan Strauss' }, document: { name: 'Jan Strauß' } },
    expect: [{ rule: 'name_mrz_spelling', suggestion: 'Jan Strauß' }],
  },
  {
    behaviour: 'accepts ß against SS in a name printed in capitals',
    input: { entered: { name: 'Strauß' }, document: { name: 'STRAUSS' } },
    expect: [],
  },
  {
    behaviour: 'accepts ß in a full name against capitals, keeping the typed ß in the spelling',
    input: { entered: { name: 'Johann Strauß' }, document: { name: 'JOHANN STRAUSS' } },
    expect: [],
  },
  {
    behaviour: 'accepts ß in the middle of a word against SS',
    input: { entered: { name: 'Große' }, document: { name: 'GROSSE' } },
    expect: [],
  },
  {
    behaviour: 'accepts the capital sharp s (U+1E9E) against SS',
    input: { entered: { name: 'STRAU\u1e9e' }, document: { name: 'STRAUSS' } },
    expect: [],
  },
  {
    behaviour: 'accepts ß against a name printed in capitals that keeps the ß',
    input: { entered: { name: 'Große' }, document: { name: 'GROßE' } },
    expect: [],
  },
  {
    behaviour: 'reports ß against SS only as a case difference when case is strict',
    input: { entered: { name: 'Strauß' }, document: { name: 'STRAUSS' } },
    options: { settings: infoSettingsSchema.parse({ nameCase: 'strict' }) },
    expect: [{ rule: 'name_case', positions: [1, 2, 3, 4, 5], suggestion: 'STRAUSS' }],
  },
  {
    behaviour: 'flags ß against a name printed with a single S',
    input: { entered: { name: 'Strauß' }, document: { name: 'STRAUS' } },
    expect: [{ rule: 'name_mismatch', positions: [5], suggestion: 'Straus' }],
  },
  {
    behaviour: 'flags ß against a name printed with a lower-case ss (a spelling, not capitals)',
    input: { entered: { name: 'Strauß' }, document: { name: 'Strauss' } },
    expect: [{ rule: 'name_mismatch', positions: [5], suggestion: 'Strauss' }],
  },
  {
    behaviour: 'flags a letter typed after ß that the capitals do not have',
    input: { entered: { name: 'Straußs' }, document: { name: 'STRAUSS' } },
    expect: [{ rule: 'name_mismatch', positions: [5] }],
  },
  {
    behaviour: 'accepts a name typed with Ü against an MRZ that writes UE',
    input: { entered: { name: 'Hans Müller' }, document: { name: 'MUELLER<<HANS' } },
    expect: [],
  },
  {
    behaviour: 'accepts a name with the umlaut dropped against an MRZ that drops it',
    input: { entered: { name: 'Hans Müller' }, document: { name: 'MULLER<<HANS' } },
    expect: [],
  },
  {
    behaviour: 'accepts surname-first order against an MRZ name',
    input: { entered: { name: 'ZHANG SAN' }, mrz: { surname: 'ZHANG', givenNames: 'SAN' } },
    expect: [],
  },
  {
    behaviour: 'accepts a whole first MRZ line as the document name',
    input: { entered: { name: 'San Zhang' }, document: { name: 'P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<' } },
    expect: [],
  },
  {
    behaviour: 'accepts an apostrophe and hyphen that the MRZ drops',
    input: { entered: { name: "Seán O'Brien-Kelly" }, mrz: { surname: 'OBRIEN<KELLY', givenNames: 'SEAN' } },
    expect: [],
  },
  {
    behaviour: 'flags a misspelt name against the MRZ with the MRZ spelling to type',
    input: { entered: { name: 'Hans Mueler' }, document: { name: 'MUELLER<<HANS' } },
    expect: [{ rule: 'name_mrz_mismatch', positions: [8], suggestion: 'Hans Mueller' }],
  },
  {
    behaviour: 'flags a name against the MRZ without suggesting a spelling when accents are involved',
    input: { entered: { name: 'Hans Mölle' }, mrz: { surname: 'MUELLER', givenNames: 'HANS' } },
    expect: [{ rule: 'name_mrz_mismatch', suggestion: null }],
  },
  {
    behaviour: 'flags the MRZ filler typed into the name',
    input: { entered: { name: 'ZHANG<<SAN' } },
    expect: [{ rule: 'name_mrz_filler', positions: [5, 6], suggestion: 'ZHANG SAN' }],
  },
  {
    behaviour: 'flags the MRZ filler against a printed name',
    input: { entered: { name: 'ZHANG<SAN' }, document: { name: 'Zhang San' } },
    expect: [{ rule: 'name_mrz_filler', positions: [5], suggestion: 'ZHANG SAN' }],
  },
  {
    behaviour: 'flags a wrong letter',
    input: { entered: { name: 'Zhang Sen' }, document: { name: 'ZHANG SAN' } },
    expect: [{ rule: 'name_mismatch', positions: [7], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a missing letter at the letter it should precede',
    input: { entered: { name: 'Wang Xiaomng' }, document: { name: 'WANG XIAOMING' } },
    expect: [{ rule: 'name_mismatch', positions: [10], suggestion: 'Wang Xiaoming' }],
  },
  {
    behaviour: 'flags a missing last letter at the last character',
    input: { entered: { name: 'Wang Xiaomin' }, document: { name: 'WANG XIAOMING' } },
    expect: [{ rule: 'name_mismatch', positions: [11], suggestion: 'Wang Xiaoming' }],
  },
  {
    behaviour: 'flags a wrong Chinese character',
    input: { entered: { name: '张山' }, document: { name: '张三' } },
    expect: [{ rule: 'name_mismatch', positions: [1], suggestion: '张三' }],
  },
  {
    behaviour: 'flags the trailing letters of a longer name against the MRZ as the extra ones',
    input: { entered: { name: 'Zhang Sanfeng' }, mrz: { surname: 'ZHANG', givenNames: 'SAN' } },
    expect: [{ rule: 'name_mrz_mismatch', positions: [9, 10, 11, 12], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'capitalises a missing given name like the typed surname',
    input: { entered: { name: 'Zhang' }, document: { name: 'ZHANG<<SAN' } },
    expect: [{ rule: 'name_mrz_mismatch', suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a name that is entirely different',
    input: { entered: { name: 'Li Lei' }, document: { name: 'Han Meimei' } },
    expect: [{ rule: 'name_mismatch', positions: [0, 1, 2, 3, 4, 5], suggestion: 'Han Meimei' }],
  },
  {
    behaviour: 'flags a Cyrillic letter hidden in a Latin name',
    input: { entered: { name: 'Zhang S\u0430n' } },
    expect: [{ rule: 'mixed_script', positions: [7], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a Cyrillic letter against the printed name',
    input: { entered: { name: '\u0410nna Smith' }, document: { name: 'ANNA SMITH' } },
    expect: [{ rule: 'mixed_script', positions: [0], suggestion: 'Anna Smith' }],
  },
  {
    behaviour: 'accepts a name written entirely in Cyrillic',
    input: { entered: { name: 'Анна Иванова' } },
    expect: [],
  },
  {
    behaviour: 'reports a double space and a wrong dot together',
    input: { entered: { name: '买买提.艾力  江' }, document: { name: '买买提·艾力 江' } },
    expect: [
      { rule: 'name_double_space', positions: [7] },
      { rule: 'name_middle_dot', positions: [3], suggestion: '买买提·艾力 江' },
    ],
  },
];

export const DATE_CASES: InfoCase[] = [
  { behaviour: 'accepts a date in the expected format', input: { entered: { dateOfBirth: '2000-04-08' } }, expect: [] },
  {
    behaviour: 'accepts YYYY-MM-DD against a dotted printed date',
    input: { entered: { dateOfBirth: '2000-04-08' }, document: { dateOfBirth: '08.04.2000' } },
    expect: [],
  },
  {
    behaviour: 'accepts YYYY-MM-DD against a passport date with a month name',
    input: { entered: { dateOfBirth: '2000-04-08' }, document: { dateOfBirth: '08 APR 2000' } },
    expect: [],
  },
  {
    behaviour: 'accepts YYYY-MM-DD against a bilingual passport date',
    input: { entered: { dateOfBirth: '2000-04-08' }, document: { dateOfBirth: '08 APR/AVR 2000' } },
    expect: [],
  },
  {
    behaviour: 'accepts YYYY-MM-DD against a Chinese printed date',
    input: { entered: { dateOfBirth: '2000-04-08' }, document: { dateOfBirth: '2000年4月8日' } },
    expect: [],
  },
  {
    behaviour: 'accepts YYYY-MM-DD against a Chinese passport date',
    input: { entered: { dateOfBirth: '2000-04-08' }, document: { dateOfBirth: '08 4月 /APR 2000' } },
    expect: [],
  },
  {
    behaviour: 'accepts YYYY-MM-DD against the MRZ birth date',
    input: { entered: { dateOfBirth: '1974-08-12' }, mrz: { birthDate: '740812' } },
    expect: [],
  },
  {
    behaviour: 'accepts a leap day',
    input: { entered: { dateOfBirth: '2000-02-29' } },
    expect: [],
  },
  {
    behaviour: 'accepts DD/MM/YYYY when the settings ask for it',
    input: { entered: { dateOfBirth: '08/04/2000' }, document: { dateOfBirth: '08.04.2000' } },
    options: { settings: infoSettingsSchema.parse({ dateFormat: 'DD-MM-YYYY', dateSeparator: '/' }) },
    expect: [],
  },
  {
    behaviour: 'flags missing leading zeros in month and day',
    input: { entered: { dateOfBirth: '2000-4-8' }, document: { dateOfBirth: '08.04.2000' } },
    expect: [{ rule: 'date_leading_zero', field: 'dateOfBirth', positions: [5, 7], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a missing leading zero in the day only',
    input: { entered: { dateOfBirth: '1995-11-3' } },
    expect: [{ rule: 'date_leading_zero', positions: [8], suggestion: '1995-11-03' }],
  },
  {
    behaviour: 'flags slashes instead of hyphens',
    input: { entered: { dateOfBirth: '2000/04/08' } },
    expect: [{ rule: 'date_separator', positions: [4, 7], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags dots instead of hyphens in year-first order',
    input: { entered: { dateOfBirth: '2000.04.08' } },
    expect: [{ rule: 'date_separator', positions: [4, 7], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags spaces around the hyphens',
    input: { entered: { dateOfBirth: '2000 - 04 - 08' } },
    expect: [{ rule: 'date_separator', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a slash date with missing zeros as two findings with one suggestion',
    input: { entered: { dateOfBirth: '2000/4/8' } },
    expect: [
      { rule: 'date_separator', positions: [4, 6], suggestion: '2000-04-08' },
      { rule: 'date_leading_zero', positions: [5, 7], suggestion: '2000-04-08' },
    ],
  },
  {
    behaviour: 'flags hyphens when the settings ask for slashes',
    input: { entered: { dateOfBirth: '08-04-2000' }, document: { dateOfBirth: '08.04.2000' } },
    options: { settings: infoSettingsSchema.parse({ dateFormat: 'DD-MM-YYYY', dateSeparator: '/' }) },
    expect: [{ rule: 'date_separator', suggestion: '08/04/2000' }],
  },
  {
    behaviour: 'flags a dotted day-first date and gives the expected form',
    input: { entered: { dateOfBirth: '08.04.2000' } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a day-first date resolved by the document',
    input: { entered: { dateOfBirth: '08/04/2000' }, document: { dateOfBirth: '08 APR 2000' } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags an unambiguous day-first date (day over 12)',
    input: { entered: { dateOfBirth: '13/04/2000' } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-13' }],
  },
  {
    behaviour: 'flags an unambiguous month-first date (day over 12)',
    input: { entered: { dateOfBirth: '04/13/2000' } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-13' }],
  },
  {
    behaviour: 'flags a date typed with a month name',
    input: { entered: { dateOfBirth: '8 April 2000' } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a date typed the Chinese way',
    input: { entered: { dateOfBirth: '2000年4月8日' } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags eight digits without separators',
    input: { entered: { dateOfBirth: '20000408' } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'asks which is day and which is month when both are 12 or less',
    input: { entered: { dateOfBirth: '08/04/2000' } },
    expect: [{ rule: 'date_day_month_ambiguous', positions: [0, 1, 3, 4], suggestion: null }],
  },
  {
    behaviour: 'asks about an ambiguous printed date that disagrees with the typed one',
    input: { entered: { dateOfBirth: '2000-05-06' }, document: { dateOfBirth: '08/04/2000' } },
    expect: [{ rule: 'date_day_month_ambiguous', suggestion: null }],
  },
  ...['2000-08-04', '2000-04-08', '2000-4-8'].map((typed): InfoCase => ({
    behaviour: `asks instead of matching ${typed} against a printed 04/08/2000 that reads both ways`,
    input: { entered: { dateOfBirth: typed }, document: { dateOfBirth: '04/08/2000' } },
    expect: [
      { rule: 'date_day_month_ambiguous', positions: typed === '2000-4-8' ? [5, 7] : [5, 6, 8, 9], suggestion: null },
    ],
  })),
  {
    behaviour: 'asks about a printed date with dashes that reads both ways',
    input: { entered: { dateOfBirth: '2000-08-04' }, document: { dateOfBirth: '04-08-2000' } },
    expect: [{ rule: 'date_day_month_ambiguous', suggestion: null }],
  },
  {
    behaviour: 'asks when the typed value is the same two-way date as the print',
    input: { entered: { dateOfBirth: '04/08/2000' }, document: { dateOfBirth: '04/08/2000' } },
    expect: [{ rule: 'date_day_month_ambiguous', positions: [0, 1, 3, 4], suggestion: null }],
  },
  {
    behaviour: 'accepts a printed date that reads both ways once the MRZ birth date decides',
    input: {
      entered: { dateOfBirth: '2000-04-08' },
      document: { dateOfBirth: '04/08/2000' },
      mrz: { birthDate: '000408' },
    },
    expect: [],
  },
  {
    behaviour: 'flags day and month swapped against a two-way printed date that the MRZ decides',
    input: {
      entered: { dateOfBirth: '2000-08-04' },
      document: { dateOfBirth: '04/08/2000' },
      mrz: { birthDate: '000408' },
    },
    expect: [{ rule: 'date_day_month_swapped', positions: [5, 6, 8, 9], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'still asks when the MRZ birth date fits neither reading of the printed date',
    input: {
      entered: { dateOfBirth: '2000-08-04' },
      document: { dateOfBirth: '04/08/2000' },
      mrz: { birthDate: '000409' },
    },
    expect: [{ rule: 'date_day_month_ambiguous', suggestion: null }],
  },
  {
    behaviour: 'reads a two-way printed date month first when the settings say documents print MDY',
    input: { entered: { dateOfBirth: '2000-04-08' }, document: { dateOfBirth: '04/08/2000' } },
    options: { settings: infoSettingsSchema.parse({ printedDateOrder: 'MDY' }) },
    expect: [],
  },
  {
    behaviour: 'flags the other reading as swapped when the settings say documents print MDY',
    input: { entered: { dateOfBirth: '2000-08-04' }, document: { dateOfBirth: '04/08/2000' } },
    options: { settings: infoSettingsSchema.parse({ printedDateOrder: 'MDY' }) },
    expect: [{ rule: 'date_day_month_swapped', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'reads a two-way printed date day first when the settings say documents print DMY',
    input: { entered: { dateOfBirth: '2000-08-04' }, document: { dateOfBirth: '04/08/2000' } },
    options: { settings: infoSettingsSchema.parse({ printedDateOrder: 'DMY' }) },
    expect: [],
  },
  {
    behaviour: 'accepts a slash printed date whose day is over 12',
    input: { entered: { dateOfBirth: '2000-04-13' }, document: { dateOfBirth: '13/04/2000' } },
    expect: [],
  },
  {
    behaviour: 'accepts a slash printed date whose day and month are the same number',
    input: { entered: { dateOfBirth: '2000-04-04' }, document: { dateOfBirth: '04/04/2000' } },
    expect: [],
  },
  {
    behaviour: 'accepts a dotted printed date, read day first, without asking',
    input: { entered: { dateOfBirth: '2000-08-04' }, document: { dateOfBirth: '04.08.2000' } },
    expect: [],
  },
  {
    behaviour: 'does not ask when day and month are the same number',
    input: { entered: { dateOfBirth: '05/05/2000' } },
    expect: [{ rule: 'date_format', suggestion: '2000-05-05' }],
  },
  {
    behaviour: 'flags day and month swapped against the document',
    input: { entered: { dateOfBirth: '2000-08-04' }, document: { dateOfBirth: '08.04.2000' } },
    expect: [{ rule: 'date_day_month_swapped', positions: [5, 6, 8, 9], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a two-digit year and reads it in the latest past century',
    input: { entered: { dateOfBirth: '85-04-08' } },
    expect: [{ rule: 'date_two_digit_year', positions: [0, 1], suggestion: '1985-04-08' }],
  },
  {
    behaviour: 'asks rather than guesses when a two-digit year makes every order possible',
    input: { entered: { dateOfBirth: '01-12-31' } },
    expect: [{ rule: 'date_day_month_ambiguous', suggestion: null }],
  },
  {
    behaviour: 'flags a two-digit year in the expected day-first format, resolved by the document',
    input: { entered: { dateOfBirth: '08/04/00' }, document: { dateOfBirth: '08.04.2000' } },
    options: { settings: infoSettingsSchema.parse({ dateFormat: 'DD-MM-YYYY', dateSeparator: '/' }) },
    expect: [{ rule: 'date_two_digit_year', positions: [6, 7], suggestion: '08/04/2000' }],
  },
  {
    behaviour: 'flags a two-digit year with missing zeros',
    input: { entered: { dateOfBirth: '00-4-8' } },
    expect: [
      { rule: 'date_leading_zero', positions: [3, 5], suggestion: '2000-04-08' },
      { rule: 'date_two_digit_year', positions: [0, 1], suggestion: '2000-04-08' },
    ],
  },
  {
    behaviour: 'flags 30 February as impossible',
    input: { entered: { dateOfBirth: '2000-02-30' } },
    expect: [{ rule: 'date_invalid', positions: [8, 9], suggestion: null }],
  },
  {
    behaviour: 'flags 29 February in a common year as impossible',
    input: { entered: { dateOfBirth: '1999-02-29' } },
    expect: [{ rule: 'date_invalid', positions: [8, 9] }],
  },
  {
    behaviour: 'flags month 13 as impossible',
    input: { entered: { dateOfBirth: '2000-13-01' } },
    expect: [{ rule: 'date_invalid', positions: [5, 6] }],
  },
  {
    behaviour: 'flags an impossible date and suggests the document date',
    input: { entered: { dateOfBirth: '2000-04-31' }, document: { dateOfBirth: '30.04.2000' } },
    expect: [{ rule: 'date_invalid', suggestion: '2000-04-30' }],
  },
  {
    behaviour: 'flags a birth date in the future',
    input: { entered: { dateOfBirth: '2030-01-01' } },
    expect: [{ rule: 'date_invalid', positions: [0, 1, 2, 3] }],
  },
  {
    behaviour: 'flags a birth year too far in the past',
    input: { entered: { dateOfBirth: '1066-10-14' } },
    expect: [{ rule: 'date_invalid', positions: [0, 1, 2, 3] }],
  },
  {
    behaviour: 'flags text that is not a date',
    input: { entered: { dateOfBirth: 'my birthday' } },
    expect: [{ rule: 'date_unreadable', suggestion: null }],
  },
  {
    behaviour: 'flags an unreadable date and suggests the document date',
    input: { entered: { dateOfBirth: 'April' }, document: { dateOfBirth: '2000年4月8日' } },
    expect: [{ rule: 'date_unreadable', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a date that differs from the document in the day',
    input: { entered: { dateOfBirth: '2000-04-09' }, document: { dateOfBirth: '08.04.2000' } },
    expect: [{ rule: 'date_mismatch', positions: [8, 9], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a date that differs from the MRZ in the year',
    input: { entered: { dateOfBirth: '1975-08-12' }, mrz: { birthDate: '740812' } },
    expect: [{ rule: 'date_mismatch', positions: [0, 1, 2, 3], suggestion: '1974-08-12' }],
  },
  {
    behaviour: 'flags a document date that cannot be read and still checks the typed one',
    input: { entered: { dateOfBirth: '2000/04/08' }, document: { dateOfBirth: 'unknown' } },
    expect: [
      { rule: 'date_document_unreadable', suggestion: null },
      { rule: 'date_separator', suggestion: '2000-04-08' },
    ],
  },
  {
    behaviour: 'flags full-width digits in a date',
    input: { entered: { dateOfBirth: '２０００－０４－０８' } },
    expect: [{ rule: 'full_width', positions: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'flags a right-to-left mark inside a date',
    input: { entered: { dateOfBirth: '2000-04\u200f-08' } },
    expect: [{ rule: 'hidden_character', positions: [7], suggestion: '2000-04-08' }],
  },
];

export const NUMBER_CASES: InfoCase[] = [
  {
    behaviour: 'accepts a passport number typed as printed',
    input: {
      entered: { documentNumber: 'E12345678' },
      document: { documentNumber: 'E12345678' },
      documentType: 'passport',
    },
    expect: [],
  },
  {
    behaviour: 'accepts a valid resident ID number with no document',
    input: { entered: { documentNumber: CN_ID_2000_04_08 }, documentType: 'cn_resident_id' },
    expect: [],
  },
  {
    behaviour: 'accepts a valid resident ID ending in a capital X',
    input: { entered: { documentNumber: CN_ID_2000_04_08_X } },
    expect: [],
  },
  {
    behaviour: 'accepts a number the document prints with a dash when typed with it',
    input: {
      entered: { documentNumber: 'AB-123456' },
      document: { documentNumber: 'AB-123456' },
      documentType: 'id_card',
    },
    expect: [],
  },
  {
    behaviour: 'accepts a number typed without the spaces the document prints',
    input: {
      entered: { documentNumber: 'AB123456' },
      document: { documentNumber: 'AB 123 456' },
      documentType: 'id_card',
    },
    expect: [],
  },
  {
    behaviour: 'accepts a passport number that matches the MRZ',
    input: {
      entered: { documentNumber: 'L898902C3' },
      documentType: 'passport',
      mrz: { documentNumber: 'L898902C3', documentNumberCheckDigit: '6' },
    },
    expect: [],
  },
  {
    behaviour: 'accepts a passport number with MRZ fillers read from a short number',
    input: { entered: { documentNumber: 'D2314589' }, mrz: { documentNumber: 'D2314589<' } },
    expect: [],
  },
  {
    behaviour: 'flags a lower-case x at the end of a resident ID',
    input: { entered: { documentNumber: CN_ID_2000_04_08_X.toLowerCase() } },
    expect: [
      { rule: 'document_number_trailing_x', field: 'documentNumber', positions: [17], suggestion: CN_ID_2000_04_08_X },
    ],
  },
  {
    behaviour: 'applies the resident-ID rules to an 18-digit number given as an ID card',
    input: { entered: { documentNumber: `${CN_ID_2000_04_08.slice(0, 17)}9` }, documentType: 'id_card' },
    expect: [{ rule: 'cn_id_check_character' }],
  },
  {
    behaviour: 'does not apply the resident-ID rules to a passport number',
    input: { entered: { documentNumber: `${CN_ID_2000_04_08.slice(0, 17)}9` }, documentType: 'passport' },
    expect: [],
  },
  {
    behaviour: 'flags a lower-case x against the document',
    input: {
      entered: { documentNumber: CN_ID_2000_04_08_X.toLowerCase() },
      document: { documentNumber: CN_ID_2000_04_08_X },
      documentType: 'cn_resident_id',
    },
    expect: [{ rule: 'document_number_trailing_x', positions: [17], suggestion: CN_ID_2000_04_08_X }],
  },
  {
    behaviour: 'flags lower-case letters in a passport number',
    input: { entered: { documentNumber: 'e12345678' }, documentType: 'passport' },
    expect: [{ rule: 'document_number_case', positions: [0], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'flags lower-case letters against the document',
    input: { entered: { documentNumber: 'ab123456' }, document: { documentNumber: 'AB123456' } },
    expect: [{ rule: 'document_number_case', positions: [0, 1], suggestion: 'AB123456' }],
  },
  {
    behaviour: 'flags a letter O typed for the digit 0',
    input: { entered: { documentNumber: 'E1234567O' }, document: { documentNumber: 'E12345670' } },
    expect: [{ rule: 'document_number_letter_digit', positions: [8], suggestion: 'E12345670' }],
  },
  {
    behaviour: 'flags a digit 0 typed for the letter O',
    input: { entered: { documentNumber: '0A1234567' }, document: { documentNumber: 'OA1234567' } },
    expect: [{ rule: 'document_number_letter_digit', positions: [0], suggestion: 'OA1234567' }],
  },
  {
    behaviour: 'flags a letter I and a lower-case l typed for the digit 1',
    input: { entered: { documentNumber: 'G5I23l567' }, document: { documentNumber: 'G51231567' } },
    expect: [{ rule: 'document_number_letter_digit', positions: [2, 5], suggestion: 'G51231567' }],
  },
  {
    behaviour: 'flags letters typed for digits in a resident ID without a document',
    input: { entered: { documentNumber: CN_ID_2000_04_08.replace(/0/g, 'O') } },
    expect: [
      { rule: 'document_number_letter_digit', positions: [2, 4, 7, 8, 9, 10, 12], suggestion: CN_ID_2000_04_08 },
    ],
  },
  {
    behaviour: 'flags spaces typed inside a resident ID',
    input: {
      entered: {
        documentNumber: `${CN_ID_2000_04_08.slice(0, 6)} ${CN_ID_2000_04_08.slice(6, 14)} ${CN_ID_2000_04_08.slice(14)}`,
      },
    },
    expect: [{ rule: 'document_number_separator', positions: [6, 15], suggestion: CN_ID_2000_04_08 }],
  },
  {
    behaviour: 'flags dashes typed inside a passport number',
    input: { entered: { documentNumber: 'E1234-5678' }, documentType: 'passport' },
    expect: [{ rule: 'document_number_separator', positions: [5], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'flags a space typed inside a number against the document',
    input: { entered: { documentNumber: 'E1234 5678' }, document: { documentNumber: 'E12345678' } },
    expect: [{ rule: 'document_number_separator', positions: [5], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'does not flag a dash in a national ID number when there is no document',
    input: { entered: { documentNumber: '900101-14-5678' }, documentType: 'id_card' },
    expect: [],
  },
  {
    behaviour: 'flags a wrong digit against the document',
    input: { entered: { documentNumber: 'E12345679' }, document: { documentNumber: 'E12345678' } },
    expect: [{ rule: 'document_number_mismatch', positions: [8], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'flags a missing digit against the document',
    input: { entered: { documentNumber: 'E1234568' }, document: { documentNumber: 'E12345678' } },
    expect: [{ rule: 'document_number_mismatch', positions: [7], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'flags full-width digits in a number',
    input: { entered: { documentNumber: 'Ｅ１２３４５６７８' }, documentType: 'passport' },
    expect: [{ rule: 'full_width', positions: [0, 1, 2, 3, 4, 5, 6, 7, 8], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'flags a Cyrillic letter in a passport number',
    input: { entered: { documentNumber: '\u041512345678' }, document: { documentNumber: 'E12345678' } },
    expect: [{ rule: 'mixed_script', positions: [0], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'flags a resident ID with one wrong digit by its check character',
    input: { entered: { documentNumber: `${CN_ID_2000_04_08.slice(0, 3)}2${CN_ID_2000_04_08.slice(4)}` } },
    expect: [{ rule: 'cn_id_check_character', positions: [17], suggestion: null }],
  },
  {
    behaviour: 'flags a resident ID with two neighbouring digits swapped',
    input: {
      entered: {
        documentNumber: `${CN_ID_2000_04_08.slice(0, 14)}${CN_ID_2000_04_08[15] ?? ''}${CN_ID_2000_04_08[14] ?? ''}${CN_ID_2000_04_08.slice(16)}`,
      },
    },
    expect: [{ rule: 'cn_id_check_character' }],
  },
  {
    behaviour: 'flags a resident ID with a digit missing',
    input: { entered: { documentNumber: CN_ID_2000_04_08.slice(0, 17) }, documentType: 'cn_resident_id' },
    expect: [{ rule: 'cn_id_format', positions: [], suggestion: null }],
  },
  {
    behaviour: 'flags a resident ID with a digit too many at the extra digit',
    input: { entered: { documentNumber: `${CN_ID_2000_04_08}5` }, documentType: 'cn_resident_id' },
    expect: [{ rule: 'cn_id_format', positions: [18] }],
  },
  {
    behaviour: 'flags a 15-digit first-generation ID number',
    input: { entered: { documentNumber: '110105000408123' }, documentType: 'cn_resident_id' },
    expect: [{ rule: 'cn_id_format' }],
  },
  {
    behaviour: 'flags a letter in the middle of a resident ID',
    input: { entered: { documentNumber: '1101052000A4081231' }, documentType: 'cn_resident_id' },
    expect: [{ rule: 'cn_id_format', positions: [10] }],
  },
  {
    behaviour: 'flags a resident ID whose embedded birth date is impossible',
    input: { entered: { documentNumber: '110105200002301234' }, documentType: 'cn_resident_id' },
    expect: [
      { rule: 'cn_id_impossible_birth_date', positions: [6, 7, 8, 9, 10, 11, 12, 13] },
      { rule: 'cn_id_check_character' },
    ],
  },
  {
    behaviour: 'flags a passport number that differs from the MRZ',
    input: {
      entered: { documentNumber: 'L898902C4' },
      documentType: 'passport',
      mrz: { documentNumber: 'L898902C3', documentNumberCheckDigit: '6' },
    },
    expect: [{ rule: 'passport_mrz_mismatch', positions: [8], suggestion: 'L898902C3' }],
  },
  {
    behaviour: 'flags a letter O against the MRZ number',
    input: {
      entered: { documentNumber: 'E1234567O' },
      documentType: 'passport',
      mrz: { documentNumber: 'E12345670', documentNumberCheckValid: true },
    },
    expect: [{ rule: 'document_number_letter_digit', positions: [8], suggestion: 'E12345670' }],
  },
  {
    behaviour: 'warns that the MRZ reading failed its check digit when the typed number differs',
    input: {
      entered: { documentNumber: 'E12345678' },
      documentType: 'passport',
      mrz: { documentNumber: 'E12345670', documentNumberCheckValid: false },
    },
    expect: [{ rule: 'passport_mrz_check_digit', suggestion: null }],
  },
  {
    behaviour: 'trusts the typed number when it fits the MRZ check digit and the MRZ reading does not',
    input: {
      entered: { documentNumber: 'L898902C3' },
      documentType: 'passport',
      mrz: { documentNumber: 'L898902G3', documentNumberCheckDigit: '6' },
    },
    expect: [],
  },
];

export const CROSS_FIELD_CASES: InfoCase[] = [
  {
    behaviour: 'accepts name, date and number that all match a passport',
    input: {
      entered: { name: 'Zhang San', dateOfBirth: '2000-04-08', documentNumber: 'E12345678' },
      document: { name: 'ZHANG SAN', dateOfBirth: '08 APR 2000', documentNumber: 'E12345678' },
      documentType: 'passport',
    },
    expect: [],
  },
  {
    behaviour: 'accepts a date of birth that agrees with the resident ID number',
    input: { entered: { dateOfBirth: '2000-04-08', documentNumber: CN_ID_2000_04_08 } },
    expect: [],
  },
  {
    behaviour: 'flags a date of birth that disagrees with the resident ID number, with no document',
    input: { entered: { dateOfBirth: '2000-04-09', documentNumber: CN_ID_2000_04_08 } },
    expect: [{ rule: 'cn_id_birth_date', field: 'dateOfBirth', positions: [8, 9], suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'resolves an ambiguous typed date with the resident ID number',
    input: { entered: { dateOfBirth: '08/04/2000', documentNumber: CN_ID_2000_04_08 } },
    expect: [{ rule: 'date_format', suggestion: '2000-04-08' }],
  },
  {
    behaviour: 'accepts a date against a two-way printed date that the resident ID number decides',
    input: {
      entered: { dateOfBirth: '2000-04-08', documentNumber: CN_ID_2000_04_08 },
      document: { dateOfBirth: '04/08/2000' },
    },
    expect: [],
  },
  {
    behaviour: 'flags swapped day and month against a two-way printed date that the resident ID number decides',
    input: {
      entered: { dateOfBirth: '2000-08-04', documentNumber: CN_ID_2000_04_08 },
      document: { dateOfBirth: '04/08/2000' },
    },
    expect: [
      { rule: 'date_day_month_swapped', field: 'dateOfBirth', suggestion: '2000-04-08' },
      { rule: 'cn_id_birth_date', field: 'dateOfBirth', suggestion: null },
    ],
  },
  {
    behaviour: 'accepts a leap-day birth date encoded in the resident ID number',
    input: { entered: { dateOfBirth: '1992-02-29', documentNumber: CN_ID_1992_02_29 } },
    expect: [],
  },
  {
    behaviour: 'flags an ID number whose birth date disagrees with the date both typed and printed',
    input: {
      entered: { dateOfBirth: '2000-04-09', documentNumber: CN_ID_2000_04_08 },
      document: { dateOfBirth: '2000年4月9日' },
    },
    expect: [{ rule: 'cn_id_birth_date', field: 'dateOfBirth', suggestion: null }],
  },
  {
    behaviour: 'does not use the birth date of an ID number whose check character is wrong',
    input: { entered: { dateOfBirth: '2000-04-09', documentNumber: `${CN_ID_2000_04_08.slice(0, 17)}9` } },
    expect: [{ rule: 'cn_id_check_character', field: 'documentNumber' }],
  },
  {
    behaviour: 'reports findings in field order: name, date of birth, number',
    input: {
      entered: { name: 'ZhangSan', dateOfBirth: '2000-4-8', documentNumber: 'e12345678' },
      documentType: 'passport',
      document: { name: 'ZHANG SAN' },
    },
    expect: [
      { rule: 'name_missing_space', field: 'name' },
      { rule: 'date_leading_zero', field: 'dateOfBirth' },
      { rule: 'document_number_case', field: 'documentNumber' },
    ],
  },
];

export const BAD_INPUT_CASES: InfoCase[] = [
  {
    behaviour: 'treats empty strings as skipped fields',
    input: { entered: { name: '', dateOfBirth: '', documentNumber: '' } },
    expect: [],
  },
  {
    behaviour: 'treats a blank document value as absent',
    input: { entered: { name: 'Zhang San' }, document: { name: '   ', dateOfBirth: '', documentNumber: ' ' } },
    expect: [],
  },
  {
    behaviour: 'treats values of only spaces as skipped',
    input: { entered: { name: '   ', dateOfBirth: ' ', documentNumber: '  ' } },
    expect: [],
  },
  {
    behaviour: 'flags a 10 kB name as too long without hanging',
    input: { entered: { name: 'A'.repeat(10_240) }, document: { name: 'B'.repeat(10_240) } },
    expect: [{ rule: 'value_too_long', suggestion: null }, { rule: 'name_mismatch' }],
  },
  {
    behaviour: 'flags a 10 kB date as too long',
    input: { entered: { dateOfBirth: '2'.repeat(10_240) } },
    expect: [{ rule: 'value_too_long' }, { rule: 'date_unreadable' }],
  },
  {
    behaviour: 'flags control characters as hidden characters',
    input: { entered: { name: 'Zhang\u0000San\u0007' }, document: { name: 'ZhangSan' } },
    expect: [{ rule: 'hidden_character', positions: [5, 9], suggestion: 'ZhangSan' }],
  },
  {
    behaviour: 'flags a value made only of control characters',
    input: { entered: { name: '\u0000\u0001\u0002' } },
    expect: [{ rule: 'hidden_character', positions: [0, 1, 2], suggestion: null }],
  },
  {
    behaviour: 'flags a right-to-left override in a name',
    input: { entered: { name: '\u202eZhang San' }, document: { name: 'Zhang San' } },
    expect: [{ rule: 'hidden_character', positions: [0], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a zero-width space inside a number',
    input: { entered: { documentNumber: 'E1234\u200b5678' }, documentType: 'passport' },
    expect: [{ rule: 'hidden_character', positions: [5], suggestion: 'E12345678' }],
  },
  {
    behaviour: 'flags a no-break space between names as a hidden character',
    input: { entered: { name: 'Zhang\u00a0San' }, document: { name: 'Zhang San' } },
    expect: [{ rule: 'hidden_character', positions: [5], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a tab between names as a hidden character',
    input: { entered: { name: 'Zhang\tSan' } },
    expect: [{ rule: 'hidden_character', positions: [5], suggestion: 'Zhang San' }],
  },
  {
    behaviour: 'flags a zero-width joiner and keeps positions on the original value',
    input: { entered: { name: 'Zh\u200dang Sen' }, document: { name: 'Zhang San' } },
    expect: [
      { rule: 'hidden_character', positions: [2] },
      { rule: 'name_mismatch', positions: [8], suggestion: 'Zhang San' },
    ],
  },
  {
    behaviour: 'counts positions in code points across astral characters',
    input: { entered: { name: '𠮷野 家' }, document: { name: '𠮷野家' } },
    expect: [{ rule: 'name_extra_space', positions: [2], suggestion: '𠮷野家' }],
  },
  {
    behaviour: 'handles an Arabic name with a right-to-left mark',
    input: { entered: { name: '\u200fمحمد علي' }, document: { name: 'محمد علي' } },
    expect: [{ rule: 'hidden_character', positions: [0] }],
  },
  {
    behaviour: 'handles emoji in a name as an ordinary difference',
    input: { entered: { name: 'Zhang San 👍' }, document: { name: 'Zhang San' } },
    expect: [
      { rule: 'name_extra_space', positions: [9] },
      { rule: 'name_mismatch', positions: [10], suggestion: 'Zhang San' },
    ],
  },
  {
    behaviour: 'handles mixed Latin and Chinese in a name',
    input: { entered: { name: 'Zhang 三' }, document: { name: '张三' } },
    expect: [{ rule: 'name_mismatch', positions: [0, 1, 2, 3, 4, 5, 6], suggestion: '张三' }],
  },
  {
    behaviour: 'handles a date with letters and digits mixed',
    input: { entered: { dateOfBirth: '2000-O4-08' } },
    expect: [{ rule: 'date_unreadable' }],
  },
  {
    behaviour: 'handles a number made only of dashes',
    input: { entered: { documentNumber: '----' } },
    expect: [],
  },
];

export const ALL_CASES: InfoCase[] = [
  ...NAME_CASES,
  ...DATE_CASES,
  ...NUMBER_CASES,
  ...CROSS_FIELD_CASES,
  ...BAD_INPUT_CASES,
];
