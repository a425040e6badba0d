// One audit-log line per console action: who (the signed-in staff member and address), what, on which target, with what outcome.
import type { Actor } from './console-service.js';
import type { StaffStore } from './types.js';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export function auditTrail(store: Pick<StaffStore, 'audit'>) {
  return (
    actor: Actor,
    action: string,
    target: { type: string; id: string },
    regionCode: string | null,
    outcome: AuditOutcome,
    detail?: Record<string, unknown>,
  ) =>
    store.audit({
      staffId: actor.staff.id,
      username: actor.staff.username,
      action,
      targetType: target.type,
      targetId: target.id,
      regionCode,
      outcome,
      detail,
      ip: actor.ip,
    });
}
