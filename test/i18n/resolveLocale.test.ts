import assert from 'node:assert/strict';
import { languageOfTag, resolveAcceptLanguage, resolveLocale } from '../../src/i18n/resolveLocale';

describe('locale resolution', () => {
  it('sends Taiwan, Hong Kong, Macau and traditional-script tags to zh-TW, other Chinese to zh-CN', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh_TW', 'ZH-hk'])
      assert.equal(resolveLocale(tag, 'en'), 'zh-TW', tag);
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'zh-Hans-CN'])
      assert.equal(resolveLocale(tag, 'en'), 'zh-CN', tag);
  });

  it('maps every Portuguese to pt-BR and the other locales by their primary subtag', () => {
    assert.equal(resolveLocale('pt', 'en'), 'pt-BR');
    assert.equal(resolveLocale('pt-PT', 'en'), 'pt-BR');
    assert.equal(resolveLocale('pt-BR', 'en'), 'pt-BR');
    const cases: [string, string][] = [
      ['es-419', 'es'],
      ['es-ES', 'es'],
      ['ru-RU', 'ru'],
      ['fr-CA', 'fr'],
      ['tr-TR', 'tr'],
      ['vi-VN', 'vi'],
      ['id-ID', 'id'],
      ['in-ID', 'id'],
      ['en-GB', 'en'],
    ];
    for (const [tag, locale] of cases) assert.equal(resolveLocale(tag, 'zh-CN'), locale, tag);
  });

  it('answers recognition-only and unknown languages in the fallback, but still names the recognised ones', () => {
    for (const tag of ['uk-UA', 'ar-SA', 'ja-JP', 'ko-KR', 'de-DE', '', undefined])
      assert.equal(resolveLocale(tag, 'en'), 'en', String(tag));
    assert.deepEqual(
      ['uk-UA', 'ar-EG', 'ja', 'ko-KR', 'de'].map((tag) => languageOfTag(tag)),
      ['uk', 'ar', 'ja', 'ko', undefined],
    );
  });

  it('takes the best-ranked supported language of an Accept-Language header', () => {
    assert.equal(resolveAcceptLanguage('de-DE,de;q=0.9,es;q=0.8,en;q=0.7', 'en'), 'es');
    assert.equal(resolveAcceptLanguage('ja;q=0.9, zh-HK;q=0.8', 'en'), 'zh-TW');
    assert.equal(resolveAcceptLanguage('en;q=0.2, pt;q=0.9', 'en'), 'pt-BR');
    assert.equal(resolveAcceptLanguage('de, ja', 'en'), 'en');
  });
});
