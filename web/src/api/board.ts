// The migration progress board: public (counts only, no sign-in) or full (GIA, the auditor, the sub-center).
import type { MigrationState } from '@migration/workflow';
import { get } from './client';

// the server's own lists of states, strategies and hosting types
export { MIGRATION_STATES, type MigrationState } from '@migration/workflow';
export { HOSTING_TYPES, STRATEGIES } from '@migration/vocabulary';

export interface BoardCounts {
  systems: number;
  byStatus: Record<MigrationState, number>;
  exempt: number;
  outsideCityCloud: number;
  migrated: number;
  retired: number;
  outsideDataVolumeGb?: number;
  outsideAnnualOmCost?: number;
}

export interface MigrationBoard {
  view: 'public' | 'full';
  today: string;
  generatedAt?: string;
  totals: BoardCounts & { alreadyOnCityCloud: number; notInWave: number };
  byDepartment: (BoardCounts & { orgId: string; code: string; name: string })[];
  byCounty: (BoardCounts & { orgId: string; code: string; name: string })[];
  byWave: (BoardCounts & { id: string; name: string; startDate: string; endDate: string; remaining: number; overdue: boolean })[];
  byStrategy: (BoardCounts & { strategy: string | null })[];
  byHosting: (BoardCounts & { hosting: string })[];
  outsideCityCloud: {
    total: number;
    byHosting: Record<string, number>;
    listed?: number;
    systems?: { id: string; code: string; name: string; orgName: string; hosting: string; location: string | null; status: string; wave: string | null }[];
  };
  overdueWaves: { id: string; name: string; endDate: string; daysOverdue: number; remaining: number }[];
  migratedOverTime: { month: string; migrated: number; decommissioned: number; cumulativeMigrated: number; cumulativeDecommissioned: number }[];
}

export const fetchBoard = (view: 'public' | 'full', signal?: AbortSignal) => get<MigrationBoard>('/api/migration/board', { view }, signal);
