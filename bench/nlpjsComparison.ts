import { containerBootstrap } from '@nlpjs/core';
import { LangAll } from '@nlpjs/lang-all';
import { Nlp } from '@nlpjs/nlp';
import { loadDialogData } from '../src/conversation/topicLoader';
import { createTopicMatcher } from '../src/conversation/topicMatcher';
import { isoLanguageCode, LANGUAGES } from '../src/i18n/locales';
import { DIALOGS_DIR } from '../src/projectPaths';
import { loadLabelledUtterances } from '../test/conversation/labelledUtterances';
import { reportByLanguage, classifyAll, percent, throughput, type LanguageReport } from './promptEvaluation';

const SECOND_OPINION_SCORE = 0.8;

/**
 * `npm run bench:nlpjs`: NLP.js (its neural intent classifier with each language's stemmer)
 * trained on exactly the trigger phrases our matcher uses, scored on the same labelled set and
 * the same held-out split, next to the hand-written matcher. NLP.js is told each utterance's
 * language (its best case: in the bot the language is not known), and "None" or a score below
 * its 0.5 threshold counts as no topic.
 */
async function main(): Promise<void> {
  const data = loadDialogData(DIALOGS_DIR);
  const kindOf = new Map(data.topics.map((t) => [t.id, t.kind]));
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangAll);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  // NLP.js has no Vietnamese package: its default tokenizer handles vi.
  for (const code of new Set(LANGUAGES.map(isoLanguageCode))) nlp.addLanguage(code);
  for (const topic of data.topics)
    for (const language of LANGUAGES)
      for (const phrase of topic.triggers[language]) nlp.addDocument(isoLanguageCode(language), phrase, topic.id);
  const trainStart = process.hrtime.bigint();
  await nlp.train();
  const trainSeconds = Number(process.hrtime.bigint() - trainStart) / 1e9;

  const utterances = loadLabelledUtterances();
  const predictions = new Map<string, string | null>();
  const confident = new Map<string, string | null>();
  const started = process.cpuUsage();
  for (const u of utterances) {
    const result = await nlp.process(isoLanguageCode(u.locale), u.text);
    predictions.set(
      `${u.locale}\u0000${u.text}`,
      result.intent === 'None' || result.score < 0.5 ? null : result.intent,
    );
  }
  const used = process.cpuUsage(started);
  const nlpjsPerSecond = utterances.length / ((used.user + used.system) / 1e6);
  const nlpjs = reportByLanguage(
    utterances.map((utterance) => ({
      utterance,
      predicted: predictions.get(`${utterance.locale}\u0000${utterance.text}`) ?? null,
    })),
    (t) => kindOf.get(t) === 'cause',
  );

  const matcher = createTopicMatcher(data.topics, data);
  const classify = (text: string): string | null => matcher.match(text).topic;
  const ours = reportByLanguage(classifyAll(classify, utterances), (t) => kindOf.get(t) === 'cause');
  // A second opinion: when our matcher names nothing, NLP.js's confident topic counts only if our
  // matcher also found it plausible (among its alternatives).
  const combined = reportByLanguage(
    utterances.map((utterance) => {
      const match = matcher.match(utterance.text);
      const second = confident.get(`${utterance.locale}\u0000${utterance.text}`) ?? null;
      const predicted = match.topic ?? (second && match.alternatives.some((a) => a.topic === second) ? second : null);
      return { utterance, predicted };
    }),
    (t) => kindOf.get(t) === 'cause',
  );
  const oursPerSecond = throughput(
    classify,
    utterances.map((u) => u.text),
  );

  console.log(`NLP.js trained on the same ${data.topics.length} topics' triggers in ${trainSeconds.toFixed(1)} s\n`);
  console.log('  lang   held out: ours           NLP.js              out of scope → cause: ours  NLP.js');
  const nlpjsBy = new Map(nlpjs.map((r) => [r.language, r]));
  const sum = (reports: LanguageReport[], pick: (r: LanguageReport) => { hits: number; total: number }) =>
    reports.reduce((acc, r) => ({ hits: acc.hits + pick(r).hits, total: acc.total + pick(r).total }), {
      hits: 0,
      total: 0,
    });
  for (const r of ours) {
    const other = nlpjsBy.get(r.language);
    console.log(
      `  ${r.language.padEnd(6)} ${percent(r.heldOut).padEnd(22)} ${(other ? percent(other.heldOut) : 'n/a').padEnd(20)} ${`${r.outOfScopeToCause}/${r.outOfScope}`.padEnd(25)} ${other ? `${other.outOfScopeToCause}/${other.outOfScope}` : ''}`,
    );
  }
  console.log(
    `  ${'all'.padEnd(6)} ${percent(sum(ours, (r) => r.heldOut)).padEnd(22)} ${percent(sum(nlpjs, (r) => r.heldOut)).padEnd(20)} ${`${ours.reduce((a, r) => a + r.outOfScopeToCause, 0)}`.padEnd(25)} ${nlpjs.reduce((a, r) => a + r.outOfScopeToCause, 0)}`,
  );
  console.log(`  tuned  ${percent(sum(ours, (r) => r.tuned)).padEnd(22)} ${percent(sum(nlpjs, (r) => r.tuned))}`);
  console.log(
    `\ncombined (ours, else NLP.js at score ≥ ${SECOND_OPINION_SCORE} when ours found it plausible): held out ${percent(sum(combined, (r) => r.heldOut))}, tuned ${percent(sum(combined, (r) => r.tuned))}, out of scope → cause ${combined.reduce((a, r) => a + r.outOfScopeToCause, 0)}`,
  );
  for (const r of combined) console.log(`  ${r.language.padEnd(6)} held out ${percent(r.heldOut)}`);
  console.log(
    `\nspeed (CPU time): ours ${Math.round(oursPerSecond).toLocaleString('en')} matches/s, NLP.js ${Math.round(nlpjsPerSecond).toLocaleString('en')} matches/s`,
  );
}

void main();
