/**
 * A Turkish stemmer for text as normalizeText leaves it (ç ğ ı ö ş ü folded to c g i o s u).
 * Snowball's Turkish stemmer checks vowel harmony, which folding destroys: it stems
 * "kimliğimin" to "kimlik" but "kimligimin" to "kimligi", so a trigger and a user who type the
 * same word with and without Turkish letters would never meet. This one strips suffix chains
 * without looking at harmony, the same way whichever letters were typed: "kimliğimin",
 * "kimligim" and "kimlik" give "kimlik"; "reddedildi" and "reddettiler" give "reddet";
 * "doğrulanmadı" and "dogrulama" give "dogrul". It also strips verb endings, which Snowball's
 * noun stemmer leaves on.
 */

/** Shorter stems say too little ("ad", "et"). */
const MIN_STEM = 3;
/**
 * What a one- or two-letter suffix must leave: short endings are also the last letters of short
 * roots ("para" is not "par" + "a", "parla" not "par" + "la").
 */
const MIN_STEM_SHORT_SUFFIX = 4;
/** Two-letter endings that do follow three-letter roots: "yüz-üm", "dol-du", "git-ti". */
const SHORT_SUFFIXES_ON_SHORT_ROOTS: ReadonlySet<string> = new Set(['im', 'um', 'di', 'du', 'ti', 'tu']);
/** Suffixes stacked on one word, at most ("hesap-lar-im-da-ki"). */
const MAX_SUFFIXES = 6;

/** Folded suffixes: verb endings, plural, possession and case; longest tried first. */
const SUFFIXES: readonly string[] = [
  // verb: progressive, negation, past, reported past, future, ability, conditional, participles
  ...'iyorum iyorsun iyoruz iyorlar iyor uyorum uyor miyorum miyor muyorum muyor'.split(' '),
  ...'amiyorum emiyorum amiyor emiyor amadim emedim amadi emedi'.split(' '),
  ...'madim medim madik medik madin medin madilar mediler madi medi mamis memis'.split(' '),
  ...'misim mistir mislar misler mis mus dular diler dilar dum tum dim tim dik tik din tin di ti du tu'.split(' '),
  ...'acak ecek acagim ecegim abilir ebilir abil ebil amaz emez maz mez mak mek masi mesi ma me'.split(' '),
  ...'sam sem sak sek sa se digim tigim dugum tugum digi tigi dugu tugu yan yen an en'.split(' '),
  ...'dir tir dur tur siniz sin'.split(' '),
  // passive
  ...'il ul'.split(' '),
  // noun: plural, possession, case, "-li", "-ki"
  ...'lari leri lar ler imiz iniz umuz unuz im in um un si su'.split(' '),
  ...'nin nun ndan nden nda nde ni nu na ne dan den tan ten da de ta te yla yle la le li lu ki'.split(' '),
  ...'yi yu ya ye i u a e'.split(' '),
].sort((a, b) => b.length - a.length);

/** One-letter possessive endings (and the buffer "y") that follow a vowel only: "belge-m", "dene-y-ebilir". */
const AFTER_VOWEL = ['m', 'n', 'y'];
const VOWEL = /[aeiou]/;
/** A suffix with t instead of d ("-ti", "-tan") follows a voiceless consonant only: "pasaport-um" is not "pasapor-tum". */
const VOICELESS_END = /[cfhkpst]$/;

/** A consonant softened before a vowel ends the bare stem hard again: "kimliğ-i" → "kimlik", "kitab-ı" → "kitap". */
const HARDENED: Readonly<Record<string, string>> = { g: 'k', b: 'p' };

function fits(suffix: string, rest: string): boolean {
  const shortest = suffix.length <= 2 && !SHORT_SUFFIXES_ON_SHORT_ROOTS.has(suffix) ? MIN_STEM_SHORT_SUFFIX : MIN_STEM;
  return rest.length >= shortest && VOWEL.test(rest) && (!suffix.startsWith('t') || VOICELESS_END.test(rest));
}

function stripOne(word: string): string | undefined {
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const rest = word.slice(0, -suffix.length);
    if (fits(suffix, rest)) return rest;
  }
  const rest = word.slice(0, -1);
  if (AFTER_VOWEL.includes(word.slice(-1)) && rest.length >= MIN_STEM_SHORT_SUFFIX && VOWEL.test(rest.slice(-1)))
    return rest;
  return undefined;
}

/**
 * Possessive forms that are words of their own: "başkası" is someone else, "başka" only other,
 * and "başkasının kimliği" (someone else's ID) must not read as "başka kimlik" (another ID).
 */
const WHOLE_WORDS: ReadonlySet<string> = new Set(['baskasi', 'birisi']);

/**
 * "Kullanılmış", "kullanıldı", "kullanılıyor", "kullanımda" (has been used, is in use) say what
 * is wrong with a document; stripped to the root they are "kullan" (use), the word of "başka
 * kimlik kullanabilir miyim" (may I use another ID). The past and present passive keep a stem of
 * their own; "kullanılabilir" (can be used) and "kullanılır mı" still reach "kullan".
 */
const USED_FORM = /^kul{1,2}an(?:il(?:mis|mus|di|iyor)|imda)/;
const USED_STEM = 'kullanilmis';

export function turkishStem(word: string): string {
  if (USED_FORM.test(word)) return USED_STEM;
  let stem = word;
  for (let i = 0; i < MAX_SUFFIXES && !WHOLE_WORDS.has(stem); i++) {
    const rest = stripOne(stem);
    if (rest === undefined) break;
    stem = rest;
  }
  if (stem === word || WHOLE_WORDS.has(stem) || !VOWEL.test(stem.slice(-2, -1))) return stem;
  const last = stem.slice(-1);
  // "redded-ildi" is "reddet": a d after a vowel was a t before the suffix.
  return `${stem.slice(0, -1)}${last === 'd' ? 't' : (HARDENED[last] ?? last)}`;
}
