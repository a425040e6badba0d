// The metrics port: what the engine, the model adapters and the HTTP layer report; the Node server passes a Prometheus implementation in.

/** One answered turn, as the engine saw it. */
export interface TurnObservation {
  channel: string;
  intent: string;
  /** The bot could not answer (the engine's count towards a handoff): the not-found rate's numerator. */
  missed: boolean;
  /** A re-delivery answered with the stored replies. */
  duplicate: boolean;
  seconds: number;
}

export interface Metrics {
  turn(observation: TurnObservation): void;
  /** One model call by purpose: 'ok', or 'fallback' when the curated or offline path was used instead (timeout, 429, 5xx, empty). */
  modelCall(purpose: string, outcome: 'ok' | 'fallback'): void;
  /** The database was unreachable or restarting while a request used it. */
  databaseError(): void;
  /** A response with status 503 (database unavailable, start-up failures). */
  unavailable(): void;
}

/** Records nothing (the Worker, the CLI and tests that do not look). */
export const noMetrics: Metrics = {
  turn: () => undefined,
  modelCall: () => undefined,
  databaseError: () => undefined,
  unavailable: () => undefined,
};

/** The text a scraper reads at GET /metrics; only the Node server has one (a Worker isolate's counters would mean little). */
export interface MetricsExposition {
  contentType: string;
  render(): Promise<string>;
}
