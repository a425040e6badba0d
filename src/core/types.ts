// The conversation engine's vocabulary: inbound messages, replies, intents, flow state and the ports the domains fill.

export const INTENTS = ['faq', 'station', 'booking', 'grievance', 'case_status', 'handoff', 'smalltalk', 'unknown'] as const;
export type Intent = (typeof INTENTS)[number];

/** How a reply is shown: full text with cards, or short and speakable. */
export type RenderMode = 'text' | 'voice';

export interface GeoPoint {
  lat: number;
  lon: number;
  label?: string;
}

export interface InboundMessage {
  /** The identity namespace the driver came through: api, web, wechat-oa, wechaty, voice … */
  channel: string;
  externalUserId: string;
  text: string;
  location?: GeoPoint;
  /** The text came from speech recognition, so fillers and homophones are expected. */
  transcript?: boolean;
  render: RenderMode;
  /** The platform's message id; re-deliveries with the same id get the same reply. */
  messageId?: string;
  receivedAt?: Date;
}

export interface Citation {
  id: string;
  title: string;
  source?: string;
}

/** A run of answer text; `strong` marks what the entry's author emphasised. */
export interface TextRun {
  text: string;
  strong?: boolean;
}

/** One block of a curated answer, parsed once from the entry's Markdown so every channel renders it its own way. */
export type AnswerBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; label?: string; runs: TextRun[] }
  | { kind: 'list'; ordered: boolean; start?: number; items: TextRun[][] };

/** A knowledge answer in structured form: the blocks, the one citation line and the legal note. */
export interface StructuredAnswer {
  blocks: AnswerBlock[];
  /** 来源：… without the label, e.g. 《民法典》 第1211条. */
  source: string;
  note?: string;
}

export interface Reply {
  /** Plain text, never Markdown: what a text channel shows when it has nothing better. */
  text: string;
  /** The answer's blocks, when the reply is a knowledge answer; text channels render these, not `text`. */
  answer?: StructuredAnswer;
  /** The whole of the text, for a driver who asked for it (“详细”): channels do not shorten it. */
  full?: boolean;
  /** A short speakable version; the voice renderer prefers it over `text`. */
  speech?: string;
  citations?: Citation[];
  caseId?: string;
  stations?: unknown[];
  booking?: unknown;
  quickReplies?: string[];
  /** What the reply asks the driver to type, so a screen can open the right keypad (the number pad for a phone number). */
  expects?: 'phone';
}

export type ConversationMode = 'bot' | 'human';

/** Multi-turn state kept in the conversation row, so a restart mid-flow loses nothing. */
export interface FlowState {
  /** The active form, if any (grievance intake, booking …) and its data. */
  flow?: { name: string; data: Record<string, unknown>; startedAt: string };
  /** Consecutive turns the bot could not answer; two in a row offers a human. */
  misses?: number;
  lastIntent?: Intent;
  /** The last answer, so "重复一遍" and "短信发我" work. */
  lastReply?: { text: string; speech?: string };
  [key: string]: unknown;
}

export interface TurnContext {
  driverId: string;
  conversationId: string;
  channel: string;
  render: RenderMode;
  /** Normalised text (simplified, half-width, fillers removed). */
  text: string;
  rawText: string;
  location?: GeoPoint;
  transcript: boolean;
  state: FlowState;
  now: Date;
  /** The knowledge base's one search of this turn's text (the probe's outcome), shared by intent detection and the FAQ skill. */
  knowledge?: KnowledgeOutcome;
}

export interface SkillResult {
  replies: Reply[];
  /** The intent to record; defaults to the detected one. */
  intent?: Intent;
  /** Replaces the flow state; undefined keeps it. */
  state?: FlowState;
  /** 'human' hands the conversation to staff (the engine then calls its onHandoff hook). */
  mode?: ConversationMode;
  /** Why the conversation goes to a human, for the staff queue. */
  handoff?: HandoffRequest;
  /**
   * Whether this reply is the bot failing to answer (two in a row hand the driver to staff). Defaults to intent `unknown`;
   * false for a polite refusal of an off-topic message, which neither counts nor resets the count.
   */
  miss?: boolean;
  /** What the knowledge base decided for this turn (the FAQ path), for the unanswered-questions console and logs. */
  knowledge?: KnowledgeOutcome;
}

export interface HandoffRequest {
  reason: 'driver_asked' | 'bot_failed' | 'urgent' | 'staff';
  /** What staff need to know without asking the driver again. */
  summary?: string;
  caseId?: string;
}

/** A domain handler for one intent. */
export interface Skill {
  handle(ctx: TurnContext): Promise<SkillResult>;
}

/** A multi-turn form owned by a domain: gets every message while active. */
export interface Flow {
  name: string;
  /** Handles the message inside the form; undefined means it is an interruption for another intent. */
  continue(ctx: TurnContext): Promise<SkillResult | undefined>;
  /** A reminder to append after answering an interruption. */
  resumePrompt(ctx: TurnContext): Reply | undefined;
  /** A one-question flow ("where are you?"): another intent ends it instead of being answered around it. */
  transient?: boolean;
}

/** How the knowledge base settles a question: answer it, ask which of two entries is meant, admit a gap, or refuse (off-topic). */
export type KnowledgeDecision = 'answer' | 'clarify' | 'not-found' | 'off-topic';

export interface KnowledgeCandidate {
  /** A curated entry's id. */
  id: string;
  /** Ranking score; comparable only within one question. */
  score: number;
  /** 0–1: how much of the question the entry covers (or how near its closest curated question is). */
  confidence: number;
}

/** One search of the knowledge base and its decision, typed so the engine, the skills and the console share it. */
export interface KnowledgeOutcome {
  /** The text searched (normalised). */
  question: string;
  decision: KnowledgeDecision;
  /** The top candidate's confidence; 0 when nothing matched. */
  confidence: number;
  /** Best first. */
  candidates: KnowledgeCandidate[];
  /** A two-part question: one entry per part, in order. */
  parts?: string[];
  /** Why: the rule of the decision stage that settled it (for logs and `npm run kb:explain`). */
  reason: string;
  /** Who settled it: the offline search, the model choosing among the candidates, or a follow-up resolved against the previous answer. */
  decidedBy?: 'search' | 'model' | 'follow-up' | 'clarification';
}

/** What the knowledge base tells intent detection: one assessment per turn's text. */
export interface KnowledgeProbe {
  /** The search and decision for a text. */
  assess(text: string): KnowledgeOutcome;
  /** The assessment's confidence: how sure the base is that the question is answerable. */
  confidence(text: string): number;
  /** Whether the text is about an everyday matter outside a driver's work (a game, a pet): no grievance of theirs. */
  everydayMatter?(text: string): boolean;
  /**
   * The one-line answer of the entry that clearly answers a text, or undefined when no entry does with high
   * confidence. A story told as a grievance ("挂靠的车撞了人 赔不起") gets it beside the intake questions. With categories,
   * only an entry of one of them counts.
   */
  keyFact?(text: string, categories?: readonly string[]): string | undefined;
}

export interface TurnResult {
  conversationId: string;
  intent: Intent;
  mode: ConversationMode;
  replies: Reply[];
  duplicate: boolean;
}
