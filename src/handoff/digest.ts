// A model's short digest of the conversation, added under the template summary when staff open it; the template stays the record.
import type { Handoff, HandoffStore, TranscriptMessage } from './types.js';
import { REASON_LABELS } from './summary.js';

export const DIGEST_PREFIX = '要点（模型整理，以司机原话为准）：';

/** What the model sees: the reason and the conversation up to the point staff read it. */
export interface DigestInput {
  reason: string;
  transcript: Pick<TranscriptMessage, 'author' | 'text'>[];
}

/** Returns one checked line, or undefined when no model is configured, it failed, or its text did not pass the checks. */
export type HandoffDigest = (input: DigestInput) => Promise<string | undefined>;

export function hasDigest(summary: string): boolean {
  return summary.split('\n').some((line) => line.startsWith(DIGEST_PREFIX));
}

/**
 * Adds the digest to the handoff's summary once: a compare-and-set on the summary, so two staff opening the conversation
 * together store one digest. Returns the handoff as stored afterwards.
 */
export async function digestHandoff(
  handoff: Handoff,
  transcript: TranscriptMessage[],
  digest: HandoffDigest,
  store: Pick<HandoffStore, 'replaceSummary' | 'get'>,
): Promise<Handoff> {
  // Once staff have replied they are in the conversation: the digest is for the person about to take it over.
  if (hasDigest(handoff.summary) || handoff.firstResponseAt) return handoff;
  // What was said since staff last spoke (an earlier handoff's replies are not this request).
  const lastStaff = transcript.findLastIndex((m) => m.author === 'staff');
  const before = transcript.slice(lastStaff + 1);
  if (!before.some((m) => m.author === 'driver')) return handoff;
  const line = await digest({ reason: REASON_LABELS[handoff.reason], transcript: before });
  if (!line) return handoff;
  const summary = `${handoff.summary}\n${DIGEST_PREFIX}${line}`;
  if (await store.replaceSummary(handoff.id, handoff.summary, summary)) return { ...handoff, summary };
  return (await store.get(handoff.id)) ?? handoff;
}
