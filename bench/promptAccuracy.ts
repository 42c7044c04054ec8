import { loadDialogData } from '../src/conversation/topicLoader';
import { createTopicMatcher } from '../src/conversation/topicMatcher';
import { DIALOGS_DIR } from '../src/projectPaths';
import { loadLabelledUtterances } from '../test/conversation/labelledUtterances';
import {
  classifyAll,
  medianThroughput,
  percent,
  printBlindRounds,
  printTable,
  reportByLanguage,
} from './promptEvaluation';

function main(): void {
  const { topics, ...phrases } = loadDialogData(DIALOGS_DIR);
  const constructionStart = process.hrtime.bigint();
  const matcher = createTopicMatcher(topics, phrases);
  const constructionMs = Number(process.hrtime.bigint() - constructionStart) / 1e6;
  const kindOf = new Map(topics.map((t) => [t.id, t.kind]));
  const utterances = loadLabelledUtterances();
  const classify = (text: string): string | null => matcher.match(text).topic;
  const outcomes = classifyAll(classify, utterances);

  console.log(
    `topics: ${topics.length}, utterances: ${utterances.length} (${utterances.filter((u) => u.holdout).length} held out), matcher built in ${constructionMs.toFixed(0)} ms`,
  );
  const total = (list: typeof outcomes): { hits: number; total: number } => ({
    hits: list.filter((o) => o.predicted === o.utterance.topic).length,
    total: list.length,
  });
  console.log(`top-1 (all):      ${percent(total(outcomes))}`);
  console.log(`top-1 (held out): ${percent(total(outcomes.filter((o) => o.utterance.holdout)))}`);
  printTable(
    'per language (hand-written matcher):',
    reportByLanguage(outcomes, (t) => kindOf.get(t) === 'cause'),
  );

  printBlindRounds(outcomes);

  const outOfScope = outcomes.filter((o) => o.utterance.topic === null);
  const toTopic = outOfScope.filter((o) => o.predicted !== null);
  const toCause = toTopic.filter((o) => o.predicted !== null && kindOf.get(o.predicted) === 'cause');
  console.log(
    `\nout-of-scope mapped to a topic: ${toTopic.length}/${outOfScope.length}, to a cause: ${toCause.length}`,
  );

  const confusions = outcomes.filter((o) => o.predicted !== o.utterance.topic);
  // A blind round's misses stay unprinted: whoever tunes next must not learn them.
  const shown = confusions.filter((o) => o.utterance.round === undefined);
  console.log(
    `\nconfusions (${confusions.length}, of which ${confusions.length - shown.length} in blind rounds, not shown):`,
  );
  for (const o of shown) {
    const nearest = o.predicted === null ? matcher.match(o.utterance.text).alternatives[0] : undefined;
    console.log(
      `  ${o.utterance.locale.padEnd(5)} ${String(o.utterance.topic).padEnd(24)} -> ${String(o.predicted).padEnd(24)} ${JSON.stringify(o.utterance.text)}${o.utterance.holdout ? ' [held out]' : ''}${nearest ? `  (nearest: ${nearest.topic} ${nearest.confidence.toFixed(2)})` : ''}`,
    );
  }

  // The conversation and the API pass the conversation's (or request's) language; here each line's own.
  const inOwnLanguage = utterances.map((utterance) => ({
    utterance,
    predicted: matcher.match(utterance.text, utterance.locale).topic,
  }));
  printTable(
    "per language, with the line's own language passed (a conversation in the user's language):",
    reportByLanguage(inOwnLanguage, (t) => kindOf.get(t) === 'cause'),
  );

  const texts = utterances.map((u) => u.text);
  const rate = (value: number): string => Math.round(value).toLocaleString('en');
  console.log(
    `\nspeed: ${rate(medianThroughput(classify, texts))} matches/s of CPU time on the labelled set (single thread, median of 5 runs)`,
  );
  let next = 0;
  const withLanguage = (text: string): string | null => {
    const { locale } = utterances[next++ % utterances.length];
    return matcher.match(text, locale).topic;
  };
  console.log(`speed: ${rate(medianThroughput(withLanguage, texts))} matches/s with each line's language passed`);
  const huge = 'document photo unclear '.repeat(5000);
  console.log(
    `speed: ${rate(medianThroughput(classify, [huge]))} matches/s on a ${Math.round(huge.length / 1024)} kB input`,
  );
}

main();
