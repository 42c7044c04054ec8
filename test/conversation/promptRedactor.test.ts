import assert from 'node:assert/strict';
import { createPromptRedactor } from '../../src/conversation/promptRedactor';
import { loadDialogData } from '../../src/conversation/topicLoader';
import { DIALOGS_DIR } from '../../src/projectPaths';

const redact = createPromptRedactor(loadDialogData(DIALOGS_DIR).topics);

describe('the prompt a ticket keeps', () => {
  it('keeps a pasted failure prompt as written', () => {
    assert.equal(redact('Document photo unclear'), 'Document photo unclear');
    assert.equal(redact('人脸识别失败'), '人脸识别失败');
  });

  it('drops names, document numbers and dates, one "…" per run', () => {
    const kept = redact('Document photo unclear. My name is Johanna Quistgaard, passport E12345678, born 1990-01-02');
    for (const personal of ['Johanna', 'Quistgaard', 'E12345678', '1990', '01'])
      assert.ok(!kept.includes(personal), `${personal} is gone from "${kept}"`);
    assert.match(kept, /^Document photo unclear My name is … passport …/);
  });

  it('drops a Chinese name and an ID number between prompt words', () => {
    const kept = redact('证件照片不清晰，我叫欧阳娜娜，身份证号110101199003074514');
    assert.ok(kept.startsWith('证件照片不清晰'), kept);
    for (const personal of ['欧阳', '娜娜', '110101', '4514']) assert.ok(!kept.includes(personal), kept);
  });

  it('keeps nothing of a message made only of personal values', () => {
    assert.equal(redact('Zbigniew Brzęczyszczykiewicz 1985-07-30 AB1234567'), '…');
  });
});
