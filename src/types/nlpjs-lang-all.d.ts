/** The part of @nlpjs/lang-all (no bundled types) the matcher uses: its Snowball stemmers. */
declare module '@nlpjs/lang-all' {
  export interface NlpjsStemmer {
    stemWord(word: string): string;
  }
  type StemmerClass = new () => NlpjsStemmer;
  export const StemmerEs: StemmerClass;
  export const StemmerPt: StemmerClass;
  export const StemmerFr: StemmerClass;
  export const StemmerTr: StemmerClass;
  export const StemmerId: StemmerClass;
  export const StemmerRu: StemmerClass;
  export const StemmerUk: StemmerClass;
  export const StemmerAr: StemmerClass;
}
