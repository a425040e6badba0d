// The knowledge index as a LangChain retriever, so the curated entries compose with LangChain chains on the model path.
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import { citationFor } from '../knowledge/faq-answer.js';
import type { KnowledgeIndex } from '../knowledge/search-index.js';

export interface KnowledgeDocumentMetadata {
  id: string;
  title: string;
  source: string;
  score: number;
  confidence: number;
  legal: boolean;
  [key: string]: unknown;
}

export interface KnowledgeRetrieverInput extends BaseRetrieverInput {
  index: KnowledgeIndex;
  /** How many documents at most. */
  k?: number;
  /** Entries below this confidence are left out, so a chain never sees a near miss as evidence. */
  minConfidence?: number;
}

export class KnowledgeRetriever extends BaseRetriever<KnowledgeDocumentMetadata> {
  lc_namespace = ['nuanxin', 'knowledge'];
  private readonly index: KnowledgeIndex;
  private readonly k: number;
  private readonly minConfidence: number;

  constructor(fields: KnowledgeRetrieverInput) {
    super(fields);
    this.index = fields.index;
    this.k = fields.k ?? 3;
    this.minConfidence = fields.minConfidence ?? 0;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<KnowledgeDocumentMetadata>[]> {
    return this.index
      .search(query, this.k)
      .filter((hit) => hit.confidence >= this.minConfidence)
      .map(
        (hit) =>
          new Document<KnowledgeDocumentMetadata>({
            id: hit.entry.id,
            pageContent: `${hit.entry.title}\n${hit.entry.answer}`,
            metadata: {
              id: hit.entry.id,
              title: hit.entry.title,
              source: citationFor(hit.entry).source ?? '',
              score: hit.score,
              confidence: hit.confidence,
              legal: hit.entry.legal === true,
            },
          }),
      );
  }
}
