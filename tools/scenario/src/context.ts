import { eventually } from '@lw/testing';
import type { ScenarioClient } from './client';
import type { Users } from './users';

export interface ScenarioOptions {
  /** Unique per run on a long-lived deployment (election ids are never reused). */
  electionId: string;
  log?: (line: string) => void;
  /** Deadline for each effect that crosses services. */
  effectTimeoutMs?: number;
}

/** Ids the steps hand each other; which ones are random depends on the mode. */
export interface ScenarioIds {
  electionId: string;
  village: string;
  engagementId: string;
  auditCaseId: string;
  tipId: string;
  tipCaseId: string;
  receiptCode: string;
  /** What POST confirm answered while the objection was open. */
  confirmRefusal: { status: number; message: string };
}

export interface Ctx {
  client: ScenarioClient;
  users: Users;
  opts: ScenarioOptions;
  ids: ScenarioIds;
  log(line: string): void;
  /** Waits for a cross-service effect with the run's deadline. */
  until<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<T>;
  /** The scenario village's election state as vetting shows it. */
  villageView(): Promise<any>;
}

export function createCtx(client: ScenarioClient, users: Users, opts: ScenarioOptions): Ctx {
  const log = opts.log ?? ((line: string) => console.log(line));
  const ids: ScenarioIds = {
    electionId: opts.electionId,
    village: users.village,
    engagementId: `outgoing-${opts.electionId}-${users.village}`,
    auditCaseId: '',
    tipId: '',
    tipCaseId: '',
    receiptCode: '',
    confirmRefusal: { status: 0, message: '' },
  };
  return {
    client,
    users,
    opts,
    ids,
    log,
    until: (what, probe) => eventually(what, probe, opts.effectTimeoutMs ?? 60_000),
    villageView: () => client.ok('GET', `/vetting/elections/${ids.electionId}/villages/${ids.village}`, { token: users.org }),
  };
}
