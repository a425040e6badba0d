// Intent detection over the repository's word rules (knowledge/lexicon), for unit tests that call the core or a flow directly.
import { intentDetectorFor, intentWordsFor } from '../../src/intent-words.js';
import { compileLexicon } from '../../src/lexicon/compile.js';
import { loadLexicon } from '../../src/lexicon/load-lexicon.js';

function load() {
  const { data, problems } = loadLexicon();
  if (problems.length > 0) throw new Error(`invalid word rules:\n${problems.join('\n')}`);
  return compileLexicon(data);
}

export const testLexicon = load();
export const testIntentWords = intentWordsFor(testLexicon);
export const testDetectIntent = intentDetectorFor(testLexicon);
