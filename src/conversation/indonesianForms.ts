/**
 * Indonesian as people type it in chat: short spellings ("gk", "udh", "blm"), colloquial verbs
 * with a bare nasal prefix ("nolak", "ngirim", "nyoba") or the "-in" ending ("ajuin"), and the
 * formal "meN-" verbs whose first root letter Snowball does not restore ("menolak" → "olak").
 */

/** Chat spellings of words that carry meaning, to the spelling triggers use. */
const SPELLINGS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    tidak: 'gak ga gk nggak ngga nggk enggak engga kagak ndak tdk tak',
    sudah: 'udah udh sdh dah uda',
    belum: 'blm blum blom',
    pakai: 'pake pke pakek',
    dipakai: 'dipake dipke',
    bisa: 'bs bsa',
    lagi: 'lg',
    masih: 'msh',
    terus: 'trs mulu melulu',
    banget: 'bgt bngt',
    harus: 'hrs',
    foto: 'poto',
    tanggal: 'tgl',
    verifikasi: 'verif verifkasi',
  }).flatMap(([word, spellings]) => spellings.split(' ').map((spelling) => [spelling, word])),
);

/** The spelling a trigger would use for a chat spelling, or the word itself. */
export function indonesianSpelling(word: string): string {
  return SPELLINGS[word] ?? word;
}

/** Root letters a nasal prefix replaces ("nolak" ← "tolak", "mengirim" ← "kirim"); each is only a reading. */
const NASAL_PREFIXES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^(?:meng|peng|ng)(?=[aiueo])/, ['k', '']],
  [/^(?:meny|peny|ny)(?=[aiueo])/, ['s', 'c']],
  [/^(?:men|pen|n)(?=[aiueo])/, ['t']],
  [/^(?:mem|pem|m)(?=[aiueo])/, ['p']],
  [/^nge(?=[bcdfghjklmnpqrstvwxyz])/, ['']],
];
/**
 * Letters left after the prefix, at least: a bare "n" or "m" starts many plain words ("nama",
 * "mana"), so only a longer remainder is read as a root.
 */
const MIN_REST_AFTER_NASAL = 4;
const MIN_REST = 3;
const MIN_ROOT = 4;

/**
 * Base forms a user's word may stand for, besides its Snowball stem: its trigger spelling, the
 * root behind a nasal prefix, and the "-kan" verb behind a colloquial "-in" ending. The matcher
 * keeps only readings some trigger knows.
 */
export function indonesianReadings(word: string): string[] {
  const spelled = indonesianSpelling(word);
  const readings = new Set([spelled]);
  const verb = spelled.endsWith('in') && spelled.length > MIN_ROOT + 2 ? `${spelled.slice(0, -2)}kan` : spelled;
  readings.add(verb);
  for (const form of new Set([spelled, verb])) {
    for (const [prefix, roots] of NASAL_PREFIXES) {
      const rest = form.replace(prefix, '');
      if (rest === form) continue;
      if (rest.length < (form.length - rest.length === 1 ? MIN_REST_AFTER_NASAL : MIN_REST)) break;
      for (const root of roots) readings.add(root + rest);
      break;
    }
  }
  readings.delete(word);
  return [...readings];
}
