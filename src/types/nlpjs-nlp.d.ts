/** The part of NLP.js (no bundled types) bench/nlpjsComparison.ts uses. */
declare module '@nlpjs/core' {
  export interface NlpjsContainer {
    use(plugin: unknown): void;
    get(name: 'nlp'): import('@nlpjs/nlp').NlpjsNlp;
  }
  export function containerBootstrap(): Promise<NlpjsContainer>;
}

declare module '@nlpjs/nlp' {
  export interface NlpjsResult {
    intent: string;
    score: number;
    locale?: string;
  }
  export interface NlpjsNlp {
    settings: { autoSave: boolean; autoLoad: boolean; log: boolean };
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string | undefined, utterance: string): Promise<NlpjsResult>;
  }
  export const Nlp: unknown;
}

declare module '@nlpjs/lang-all' {
  export const LangAll: unknown;
}
