import assert from 'node:assert/strict';
import { indonesianReadings, indonesianSpelling } from '../../src/conversation/indonesianForms';
import { loadDialogData } from '../../src/conversation/topicLoader';
import { createTopicMatcher } from '../../src/conversation/topicMatcher';
import { DIALOGS_DIR } from '../../src/projectPaths';

describe('Indonesian chat forms', () => {
  it('reads chat spellings as the words triggers use', () => {
    assert.equal(indonesianSpelling('gk'), 'tidak');
    assert.equal(indonesianSpelling('udh'), 'sudah');
    assert.equal(indonesianSpelling('dipake'), 'dipakai');
    assert.equal(indonesianSpelling('jelas'), 'jelas');
  });

  it('finds the root behind a bare nasal prefix, a "meN-" prefix and the colloquial "-in" ending', () => {
    assert.ok(indonesianReadings('nolak').includes('tolak'));
    assert.ok(indonesianReadings('menolak').includes('tolak'));
    assert.ok(indonesianReadings('ngirim').includes('kirim'));
    assert.ok(indonesianReadings('nyoba').includes('coba'));
    assert.ok(indonesianReadings('ngajuin').includes('ajukan'));
  });

  it('leaves short words that merely start with "n" or "m" alone', () => {
    assert.deepEqual(indonesianReadings('nama'), []);
    assert.deepEqual(indonesianReadings('mau'), []);
  });

  it('lets the matcher understand a chat-spelled failure', () => {
    const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
    const matcher = createTopicMatcher(topics, phrases);
    assert.equal(matcher.match('ktp sy udh dipake akun lain').topic, 'document_already_used');
    assert.equal(matcher.match('knp muka sy gk kedetect').topic, 'face_verification_failed');
  });
});
