// CLI: `npm run kb:explain -- "问题" [--transcript]` prints what retrieval saw (rules fired, words), the top candidates with the terms and curated questions that scored, and why the decision is answer / clarify / not-found / off-topic.
import { parseArgs } from 'node:util';
import { assessQuestion } from '../src/knowledge/decide.js';
import { loadNodeAssets } from '../src/assets/node-assets.js';
import { indexOptionsFor, knowledgeIndexFor, lexiconFor } from '../src/composition-root.js';
import { ANSWER_THRESHOLD, CLARIFY_CONFIDENCE_GAP, CLARIFY_SCORE_RATIO, OFF_TOPIC_BELOW } from '../src/knowledge/thresholds.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { transcript: { type: 'boolean' }, top: { type: 'string' } } });
if (positionals.length === 0) {
  console.error('usage: npm run kb:explain -- "问题" ["另一个问题" …] [--transcript] [--top 3]');
  process.exit(2);
}
// The index the server builds (entries, word rules and the gazetteer's place names), so what is explained is what drivers get.
const assets = loadNodeAssets();
const index = knowledgeIndexFor(assets);
const language = { ...indexOptionsFor(assets), lexicon: lexiconFor(assets) };
const dialect = language.lexicon.set('core/dialect');
const fillers = language.lexicon.set('core/speech-fillers');

for (const raw of positionals) {
  const text = language.normalise(raw, { transcript: values.transcript ?? false });
  const why = index.explain(text, Number(values.top ?? 3));
  const outcome = assessQuestion(index, text);
  console.log(`\n问题: ${raw}`);
  console.log(`  normalised: ${text}`);
  const fired = [
    ...(values.transcript ? fillers.matching(raw).map((n) => `core/speech-fillers#${n}`) : []),
    ...dialect.matching(raw).map((n) => `core/dialect#${n}`),
    ...why.synonyms.map((n) => `knowledge/synonyms#${n}`),
  ];
  console.log(`  word rules fired: ${fired.join(', ') || '(none)'}`);
  console.log(`  repaired: ${why.repaired}`);
  console.log(`  content words: ${why.words.join(' | ') || '(none)'}`);
  console.log(`  narrow topics named: ${why.topics.join(', ') || '(none)'}`);
  why.candidates.forEach((c, i) => {
    console.log(`  ${i + 1}. ${c.id} 「${c.title}」 score ${c.score}, confidence ${c.confidence}${c.onTopic ? '' : ' (misses a named topic)'}`);
    if (c.nearest) console.log(`     nearest curated question: 「${c.nearest.question}」 similarity ${c.nearest.similarity.toFixed(2)}`);
    console.log(
      `     terms: ${c.terms
        .slice(0, 8)
        .map((t) => `${t.term}=${t.contribution}`)
        .join('  ')}`,
    );
  });
  console.log(`  decision: ${outcome.decision}${outcome.parts ? ` (parts: ${outcome.parts.join(', ')})` : ''} — ${outcome.reason}`);
  console.log(
    `  thresholds: answer ≥ ${ANSWER_THRESHOLD}; off-topic < ${OFF_TOPIC_BELOW} without a driver word; clarify when two entries of different categories are within ${Math.round(100 * (1 - CLARIFY_SCORE_RATIO))}% score and ${CLARIFY_CONFIDENCE_GAP} confidence`,
  );
}
