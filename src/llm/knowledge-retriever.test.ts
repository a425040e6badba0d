// The LangChain retriever returns Documents carrying the entry id, title, source and score, and drops weak matches.
import { Document } from '@langchain/core/documents';
import { describe, expect, it } from 'vitest';
import { loadEntries } from '../knowledge/load-entries.js';
import { repositoryLanguage } from '../knowledge/repository-language.js';
import { buildKnowledgeIndex } from '../knowledge/search-index.js';
import { KnowledgeRetriever } from './knowledge-retriever.js';

const index = buildKnowledgeIndex(loadEntries(), repositoryLanguage());

describe('KnowledgeRetriever', () => {
  it('returns Documents with entry id, title, source and score, best first', async () => {
    const retriever = new KnowledgeRetriever({ index, k: 2 });
    const docs = await retriever.invoke('劳动仲裁收费吗');
    expect(docs).toHaveLength(2);
    expect(docs[0]).toBeInstanceOf(Document);
    expect(docs[0]?.metadata).toMatchObject({ id: 'labour-arbitration-cost-and-timeline', legal: true });
    expect(docs[0]?.metadata.source).toContain('劳动争议调解仲裁法');
    expect(docs[0]?.metadata.score).toBeGreaterThanOrEqual(docs[1]?.metadata.score ?? Infinity);
    expect(docs[0]?.pageContent).toContain('不收费');
  });

  it('leaves out entries below the confidence floor', async () => {
    const retriever = new KnowledgeRetriever({ index, minConfidence: 0.5 });
    expect(await retriever.invoke('帮我写一首诗')).toEqual([]);
  });
});
