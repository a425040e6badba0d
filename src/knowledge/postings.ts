// Packed inverted index: one dictionary and flat typed arrays (CSR), so 10,000 entries cost megabytes, not hundreds.

export interface FieldSpec {
  weight: number;
  /** Title, questions and tags are headings; the body only supports. */
  head: boolean;
}

export interface Postings {
  dict: Map<string, number>;
  /** Postings of term t are [offsets[t], offsets[t+1]), sorted by document. */
  offsets: Int32Array;
  docs: Int32Array;
  /** BM25F pseudo term frequency: field-weighted, length-normalised counts summed over fields. */
  tfs: Float32Array;
  /** 1: in a heading, 2: in the body. */
  masks: Uint8Array;
  idf: Float32Array;
  /** The term's field mask in one document, 0 when absent; t < 0 means an unknown term. */
  presence(t: number, doc: number): number;
  /** Documents with the term in a heading. */
  headDf(t: number): number;
  /** The term's pseudo frequency in one document, 0 when absent (for explanations). */
  tf(t: number, doc: number): number;
}

const B = 0.6;

class Growable {
  ints = new Int32Array(1024);
  floats = new Float32Array(1024);
  bytes = new Uint8Array(1024);
  terms = new Int32Array(1024);
  length = 0;
  push(term: number, doc: number, tf: number, mask: number) {
    if (this.length === this.ints.length) {
      const grow = <T extends Int32Array | Float32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.ints = grow(this.ints);
      this.floats = grow(this.floats);
      this.bytes = grow(this.bytes);
      this.terms = grow(this.terms);
    }
    this.terms[this.length] = term;
    this.ints[this.length] = doc;
    this.floats[this.length] = tf;
    this.bytes[this.length] = mask;
    this.length++;
  }
}

/** `docs[d][f]` is the term list of field f of document d. */
export function buildPostings(docs: ReadonlyArray<ReadonlyArray<readonly string[]>>, fields: readonly FieldSpec[]): Postings {
  const n = docs.length;
  const avgLen = fields.map((_, f) => docs.reduce((sum, d) => sum + (d[f]?.length ?? 0), 0) / Math.max(1, n) || 1);
  const dict = new Map<string, number>();
  const buf = new Growable();
  const tf = new Map<number, { tf: number; mask: number }>();
  docs.forEach((fieldTerms, doc) => {
    tf.clear();
    fieldTerms.forEach((terms, f) => {
      const field = fields[f];
      if (!field) return;
      const norm = 1 - B + (B * terms.length) / (avgLen[f] ?? 1);
      const mask = field.head ? 1 : 2;
      for (const term of terms) {
        let t = dict.get(term);
        if (t === undefined) dict.set(term, (t = dict.size));
        const cur = tf.get(t);
        if (cur) {
          cur.tf += field.weight / norm;
          cur.mask |= mask;
        } else tf.set(t, { tf: field.weight / norm, mask });
      }
    });
    for (const [t, v] of tf) buf.push(t, doc, v.tf, v.mask);
  });

  // Counting sort by term; documents were appended in order, so each term's postings stay sorted by document.
  const terms = dict.size;
  const offsets = new Int32Array(terms + 1);
  for (let i = 0; i < buf.length; i++) {
    const next = (buf.terms[i] as number) + 1;
    offsets[next] = (offsets[next] as number) + 1;
  }
  for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
  const cursor = offsets.slice(0, terms);
  const outDocs = new Int32Array(buf.length);
  const outTfs = new Float32Array(buf.length);
  const outMasks = new Uint8Array(buf.length);
  for (let i = 0; i < buf.length; i++) {
    const t = buf.terms[i] as number;
    const at = (cursor[t] as number)++;
    outDocs[at] = buf.ints[i] as number;
    outTfs[at] = buf.floats[i] as number;
    outMasks[at] = buf.bytes[i] as number;
  }
  const idf = new Float32Array(terms);
  for (let t = 0; t < terms; t++) {
    const df = (offsets[t + 1] as number) - (offsets[t] as number);
    idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  return packedPostings({ dict, offsets, docs: outDocs, tfs: outTfs, masks: outMasks, idf });
}

/** The index's arrays as a Postings, whether just built or read back from a saved index (src/assets/index-cache.ts). */
export function packedPostings(arrays: Pick<Postings, 'dict' | 'offsets' | 'docs' | 'tfs' | 'masks' | 'idf'>): Postings {
  const { offsets, docs: outDocs, tfs: outTfs, masks: outMasks } = arrays;
  return {
    ...arrays,
    presence(t, doc) {
      if (t < 0) return 0;
      let lo = offsets[t] as number;
      let hi = (offsets[t + 1] as number) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = outDocs[mid] as number;
        if (v === doc) return outMasks[mid] as number;
        if (v < doc) lo = mid + 1;
        else hi = mid - 1;
      }
      return 0;
    },
    tf(t, doc) {
      if (t < 0) return 0;
      for (let i = offsets[t] as number; i < (offsets[t + 1] as number); i++) if (outDocs[i] === doc) return outTfs[i] as number;
      return 0;
    },
    headDf(t) {
      let c = 0;
      for (let i = offsets[t] as number; i < (offsets[t + 1] as number); i++) if ((outMasks[i] as number) & 1) c++;
      return c;
    },
  };
}
