// Core's own conversational words (knowledge/lexicon/core: pleasantries, forms of address, asking what the assistant can do) in the shapes intent detection tests them.
import type { CompiledRule, Lexicon, WordSet } from '../lexicon/compile.js';
import type { SmalltalkWords } from './intent.js';

// Sentence particles and punctuation that may trail a pleasantry or a form of address.
const AFTER_PLEASANTRY = '[啊呀哈了呢吧啦嘛哦!！?？。.~～，,\\s]*';
const AFTER_LEAD = '[啊呀，,\\s]*';
const AFTER_TAIL = '[啊呀哈了呢吧!！。.~～\\s]*';

function either(rules: readonly CompiledRule[]): string {
  return `(?:${rules.map((r) => r.pattern.source).join('|')})`;
}

function rulesNamed(set: WordSet, ...names: string[]): CompiledRule[] {
  return names.map((name) => {
    const rule = set.rules.find((r) => r.name === name);
    if (!rule) throw new Error(`knowledge/lexicon/${set.id}.yaml has no rule named ${name}`);
    return rule;
  });
}

/** The smalltalk words from a compiled lexicon; a missing file or rule is a start-up error naming it. */
export function smalltalkWords(lexicon: Lexicon): SmalltalkWords {
  const pleasantries = lexicon.set('core/pleasantries');
  const address = lexicon.set('core/address');
  const flags = pleasantries.rules[0]?.pattern.flags.replace('g', '') ?? 'u';
  return {
    // One phrase or several ("好的谢谢", "嗯嗯 知道了 拜拜"), and nothing else.
    pleasantries: new RegExp(`^(${either(pleasantries.rules)}${AFTER_PLEASANTRY})+$`, flags),
    lead: new RegExp(`^(${either(rulesNamed(address, 'address', 'greeting'))}${AFTER_LEAD})+`, 'u'),
    tail: new RegExp(`[，,\\s]*${either(rulesNamed(address, 'address'))}${AFTER_TAIL}$`, 'u'),
    capability: lexicon.set('core/capability-question'),
  };
}
