import { loadDialogData } from '../src/conversation/topicLoader';
import { createTopicMatcher, type TopicMatcher } from '../src/conversation/topicMatcher';
import { DIALOGS_DIR } from '../src/projectPaths';
import { loadLabelledUtterances, type LabelledUtterance } from '../test/conversation/labelledUtterances';

interface Outcome {
  utterance: LabelledUtterance;
  predicted: string | null;
  confidence: number;
  /** The strongest candidate when nothing was chosen, to tell a near miss from a blank. */
  nearest: string;
}

function percent(hits: number, total: number): string {
  return total === 0 ? 'n/a' : `${((100 * hits) / total).toFixed(1)} % (${hits}/${total})`;
}

function accuracy(outcomes: Outcome[]): string {
  return percent(outcomes.filter((o) => o.predicted === o.utterance.topic).length, outcomes.length);
}

function throughput(matcher: TopicMatcher, texts: string[]): number {
  const started = process.hrtime.bigint();
  let runs = 0;
  while (process.hrtime.bigint() - started < 1_000_000_000n) {
    for (const text of texts) matcher.match(text);
    runs += texts.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return runs / seconds;
}

function main(): void {
  const { topics, framing } = loadDialogData(DIALOGS_DIR);
  const constructionStart = process.hrtime.bigint();
  const matcher = createTopicMatcher(topics, framing);
  const constructionMs = Number(process.hrtime.bigint() - constructionStart) / 1e6;
  const kindOf = new Map(topics.map((t) => [t.id, t.kind]));
  const utterances = loadLabelledUtterances();
  const outcomes: Outcome[] = utterances.map((utterance) => {
    const result = matcher.match(utterance.text, utterance.locale);
    const [first] = result.alternatives;
    const nearest = first ? `${first.topic} ${first.confidence.toFixed(2)}` : '';
    return { utterance, predicted: result.topic, confidence: result.confidence, nearest };
  });

  console.log(
    `topics: ${topics.length}, utterances: ${utterances.length}, matcher built in ${constructionMs.toFixed(1)} ms`,
  );
  console.log(`top-1 accuracy (all):      ${accuracy(outcomes)}`);
  console.log(`top-1 accuracy (tuned):    ${accuracy(outcomes.filter((o) => !o.utterance.holdout))}`);
  console.log(`top-1 accuracy (held out): ${accuracy(outcomes.filter((o) => o.utterance.holdout))}`);
  for (const locale of ['en', 'zh-CN'] as const) {
    console.log(`  ${locale.padEnd(6)} ${accuracy(outcomes.filter((o) => o.utterance.locale === locale))}`);
  }

  console.log('\nper topic (recall):');
  const ids = [...new Set(utterances.map((u) => u.topic))];
  for (const id of ids)
    console.log(`  ${String(id).padEnd(26)} ${accuracy(outcomes.filter((o) => o.utterance.topic === id))}`);

  const outOfScope = outcomes.filter((o) => o.utterance.topic === null);
  const falsePositives = outOfScope.filter((o) => o.predicted !== null);
  const toCause = falsePositives.filter((o) => o.predicted !== null && kindOf.get(o.predicted) === 'cause');
  console.log(
    `\nout-of-scope mapped to a topic: ${falsePositives.length}/${outOfScope.length}, to a cause: ${toCause.length}`,
  );

  const wrongTopic = outcomes.filter(
    (o) => o.utterance.topic !== null && o.predicted !== null && o.predicted !== o.utterance.topic,
  );
  console.log(
    `in-scope mapped to a wrong topic: ${wrongTopic.length}; in-scope left unmatched: ${outcomes.filter((o) => o.utterance.topic !== null && o.predicted === null).length}`,
  );

  const confusions = outcomes.filter((o) => o.predicted !== o.utterance.topic);
  console.log(`\nconfusions (${confusions.length}):`);
  for (const o of confusions) {
    const tag = o.utterance.holdout ? ' [held out]' : '';
    console.log(
      `  ${String(o.utterance.topic).padEnd(26)} -> ${String(o.predicted).padEnd(26)} ${o.confidence.toFixed(2)}  ${JSON.stringify(o.utterance.text)}${tag}${o.predicted === null && o.nearest ? `  (nearest: ${o.nearest})` : ''}`,
    );
  }

  const texts = utterances.map((u) => u.text);
  console.log(
    `\nspeed: ${Math.round(throughput(matcher, texts)).toLocaleString('en')} matches/s on the labelled set (single thread)`,
  );
  const huge = 'document photo unclear '.repeat(5000);
  console.log(
    `speed: ${Math.round(throughput(matcher, [huge])).toLocaleString('en')} matches/s on a ${Math.round(huge.length / 1024)} kB input`,
  );
}

main();
