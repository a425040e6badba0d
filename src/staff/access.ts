// Who may see and act on what: roles, regions, and the account rules each role must satisfy.
import { PROVINCE_CODE, type RegionDirectory } from '../china/regions.js';
import type { StaffMember, StaffRole } from './types.js';

export const ROLE_LABELS: Record<StaffRole, string> = { agent: '坐席', supervisor: '主管', admin: '管理员' };

export interface RegionFilter {
  /** undefined = everything, including items with no region. */
  regionCodes?: string[];
  includeUnknownRegion: boolean;
}

export interface Access {
  scopeOf(staff: StaffMember): string;
  canSee(staff: StaffMember, regionCode: string | null | undefined): boolean;
  /** The database filter for a staff member, optionally narrowed to one requested region. */
  filterFor(staff: StaffMember, requested?: string): RegionFilter;
  /** Roles that manage canned replies and read the audit log. */
  isSupervisor(staff: StaffMember): boolean;
}

/** Agents work for one county or city; supervisors for a city or the province; admins for everything. */
export function accountRegionProblem(role: StaffRole, regionCode: string | null, regions: RegionDirectory): string | undefined {
  if (role === 'admin')
    return regionCode === null || regionCode === PROVINCE_CODE ? undefined : 'an admin covers the whole province (leave --region out)';
  if (!regionCode) return `a${role === 'agent' ? 'n agent' : ' supervisor'} needs --region`;
  const kind = regions.kind(regionCode);
  if (!kind) return `${regionCode} is not a Sichuan region code`;
  if (role === 'agent' && kind === 'province') return 'an agent works for one county or city, not the province';
  if (role === 'supervisor' && kind === 'county') return 'a supervisor works for a city or the province (510000)';
  return undefined;
}

export function createAccess(regions: RegionDirectory): Access {
  const scopeOf = (staff: StaffMember) => (staff.role === 'admin' ? PROVINCE_CODE : (staff.regionCode ?? '__none__'));
  return {
    scopeOf,
    canSee: (staff, regionCode) => regions.contains(scopeOf(staff), regionCode),
    filterFor(staff, requested) {
      const scope = scopeOf(staff);
      if (requested) {
        if (requested === 'unknown')
          return scope === PROVINCE_CODE ? { regionCodes: [], includeUnknownRegion: true } : { regionCodes: [], includeUnknownRegion: false };
        if (!regions.contains(scope, requested)) return { regionCodes: [], includeUnknownRegion: false };
        return { regionCodes: regions.descendants(requested), includeUnknownRegion: false };
      }
      if (scope === PROVINCE_CODE) return { includeUnknownRegion: true };
      return { regionCodes: regions.descendants(scope), includeUnknownRegion: false };
    },
    isSupervisor: (staff) => staff.role === 'supervisor' || staff.role === 'admin',
  };
}
