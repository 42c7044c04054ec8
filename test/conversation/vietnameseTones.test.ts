import assert from 'node:assert/strict';
import { loadDialogData } from '../../src/conversation/topicLoader';
import { createTopicMatcher } from '../../src/conversation/topicMatcher';
import {
  createVietnameseToneReading,
  hasVietnameseMarks,
  vietnameseWords,
} from '../../src/conversation/vietnameseTones';
import { DIALOGS_DIR } from '../../src/projectPaths';

describe('Vietnamese typed with its marks', () => {
  it('is told from Vietnamese without marks and from other languages with accents', () => {
    for (const text of ['đổi mật khẩu', 'chờ duyệt', 'bạn ơi', 'Ảnh bị mờ']) assert.ok(hasVietnameseMarks(text), text);
    for (const text of ['doi mat khau', 'documento válido', 'pièce d’identité', 'kimliğim', 'паспорт']) {
      assert.ok(!hasVietnameseMarks(text), text);
    }
  });

  it('keeps each word folded and as typed, compounds joined in both, in one spelling of the tone', () => {
    assert.deepEqual(vietnameseWords('Đổi MẬT KHẨU, kyc!'), [
      { folded: 'doi', marked: 'đổi' },
      { folded: 'matkhau', marked: 'mậtkhẩu' },
      { folded: 'kyc', marked: 'kyc' },
    ]);
    assert.deepEqual(vietnameseWords('hòa khỏe thủy'), vietnameseWords('hoà khoẻ thuỷ'));
  });

  // One list of triggers per topic.
  const reading = createVietnameseToneReading([
    ['đổi giấy tờ khác', 'doi giay to khac'],
    ['đòi mật khẩu', 'bí mật', 'bị đòi tiền'],
    ['phải chờ bao lâu'],
    ['thẻ tạm trú'],
    ['có thể dùng hộ chiếu'],
  ]);

  it('reads in the marked spelling only the words the folded reading confuses', () => {
    assert.deepEqual(reading.text('làm sao đổi mật khẩu'), new Map([['doi', ['đổi']]]));
    assert.deepEqual(reading.text('đòi rồi lại đổi'), new Map([['doi', ['đòi', 'đổi']]]));
    // "chờ" (wait) is no longer the function word "cho" (for); "cho" itself stays folded and is dropped.
    assert.deepEqual(reading.text('cho em chờ'), new Map([['cho', ['chờ']]]));
    assert.equal(reading.text('mật khẩu tạm trú'), undefined);
    // "bí" is only ever in a topic "bị" is in too: nothing to tell apart.
    assert.equal(reading.text('bị lộ bí mật'), undefined);
  });

  it('drops the "hỏi" of "cho em hỏi" (may I ask), and keeps someone asking for a code', () => {
    const asking = createVietnameseToneReading([['hỏi mã xác thực'], ['thu hồi'], ['hối xét duyệt']]);
    assert.deepEqual(
      asking.text('cho em hỏi mã giới thiệu'),
      new Map([
        ['hoi', []],
        ['ma', ['mã']],
      ]),
    );
    assert.deepEqual(asking.text('mình muốn hỏi, coin có bị thu hồi không'), new Map([['hoi', ['hồi']]]));
    assert.deepEqual(
      asking.text('có người hỏi mã'),
      new Map([
        ['hoi', ['hỏi']],
        ['ma', ['mã']],
      ]),
    );
  });

  it('gives a trigger typed with marks its marked reading, and none to one typed without', () => {
    assert.equal(reading.trigger('đòi mật khẩu'), 'đòi matkhau');
    assert.equal(reading.trigger('phải chờ bao lâu'), 'phai chờ baolau');
    assert.equal(reading.trigger('doi giay to khac'), undefined);
    assert.equal(reading.trigger('giấy tờ khác'), undefined);
  });

  it('keeps a subject word a subject word in its marked spelling', () => {
    assert.deepEqual(reading.subjectWords, ['thẻ']);
  });
});

describe('the matcher on Vietnamese tone twins', () => {
  const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
  const matcher = createTopicMatcher(topics, phrases);
  const topicOf = (text: string): string | null => matcher.match(text, 'vi').topic;

  it('does not read changing a password ("đổi") as being asked for it ("đòi")', () => {
    assert.equal(topicOf('làm sao đổi mật khẩu đăng nhập'), null);
    assert.equal(topicOf('có người nhắn tin đòi mật khẩu của em'), 'safety_scam');
  });

  it('keeps "chờ" (wait) and "bán" (sell), whose folded forms are function words', () => {
    assert.equal(topicOf('đang chờ xác minh'), 'faq_review_time');
    assert.equal(topicOf('chờ cả tuần rồi'), 'faq_review_time');
    assert.equal(topicOf('có ai bán tài khoản đã xác minh không'), 'safety_circumvention');
    assert.equal(topicOf('bạn ơi giấy tờ của mình hết hạn rồi'), 'document_expired');
  });

  it('reads a Vietnamese text whose only marks French or Portuguese use too ("bán acc") as marked', () => {
    assert.equal(topicOf('bán acc kyc'), 'safety_circumvention');
    // Read folded, "bán" (sell) would be the English "ban".
    assert.equal(topicOf('có bán acc không'), null);
    assert.ok(hasVietnameseMarks('có bán acc không', 'vi'));
    assert.ok(!hasVietnameseMarks('ele dá o documento', 'pt-BR'));
    assert.ok(!hasVietnameseMarks('ele dá o documento'));
  });

  it('reads "cho em hỏi" as a question to the bot, not as someone asking for the password', () => {
    assert.equal(topicOf('cho em hỏi đổi mật khẩu ở đâu'), null);
    assert.equal(topicOf('cho mình hỏi mã giới thiệu ở đâu'), null);
    assert.equal(topicOf('cho mình hỏi số dư trong ví có an toàn không'), 'faq_assets');
    assert.equal(topicOf('có người hỏi mã 2FA của tôi'), 'safety_scam');
  });

  it('still meets the marked triggers from text typed without marks', () => {
    assert.equal(topicOf('em cho ket qua xac minh ca ngay roi'), 'faq_review_time');
    assert.equal(topicOf('co nguoi nhan tin doi mat khau cua em'), 'safety_scam');
    assert.equal(topicOf('em muon doi sang ho chieu co duoc khong'), 'faq_switch_document');
  });
});
