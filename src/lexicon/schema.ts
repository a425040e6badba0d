// The shape of a word-rule file (knowledge/lexicon/**/*.yaml): reviewed words and patterns, each with example sentences.
import { z } from 'zod';

/**
 * What a set of rules is for:
 * - `match`: does a text say this (intent words, topics, question shapes)? Any rule matching is a match.
 * - `rewrite`: replace what a rule matches with `to` (synonyms, dialect, homophones), rules applied in file order.
 * - `words`: a plain list of words (stopwords, function words); a rule's words are literal, never patterns.
 */
export const ruleKinds = ['match', 'rewrite', 'words'] as const;
export type RuleKind = (typeof ruleKinds)[number];

const text = z.string().min(1);

/** An example is a sentence the rule must match; `gives` is what a rewrite must turn it into. */
export const exampleSchema = z.union([text, z.object({ text, gives: z.string() }).strict()]);
export type RuleExample = z.infer<typeof exampleSchema>;

export const ruleSchema = z
  .object({
    /** A name for logs and explanations (kb:explain); unique within its file when given. */
    name: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'name must be kebab-case')
      .optional(),
    /** A regular expression's source (no slashes); compiled with the file's flags. */
    match: text.optional(),
    /** Literal alternatives; compiled to one pattern, longest first. */
    words: z.array(text).min(1).optional(),
    /** The replacement of a `rewrite` rule ($1 and $<name> refer to groups). */
    to: z.string().optional(),
    /** Sentences the rule must match (a `words` rule: sentences containing one of its words). At least one. */
    examples: z.array(exampleSchema).min(1),
    /** Sentences the rule must not match: the cases it was narrowed for. */
    not: z.array(text).optional(),
    /** Why the rule exists, when the examples do not say it. */
    note: z.string().optional(),
  })
  .strict()
  .refine((r) => (r.match === undefined) !== (r.words === undefined), { message: 'a rule has either match or words, not both' });
export type WordRule = z.infer<typeof ruleSchema>;

export const ruleSetSchema = z
  .object({
    /** One line on what these words decide. */
    about: text,
    kind: z.enum(ruleKinds),
    /** RegExp flags for every rule of the file; `u` is always added, `g` for rewrites. */
    flags: z
      .string()
      .regex(/^[imsy]*$/, 'flags may be i, m, s or y')
      .optional(),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();
export type WordRuleSet = z.infer<typeof ruleSetSchema>;

/** Every rule file by its id: the path under knowledge/lexicon without `.yaml` (e.g. `stations/place`). */
export type LexiconData = Record<string, WordRuleSet>;
