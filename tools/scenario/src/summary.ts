import type { Ctx } from './context';

/**
 * The end state that must be the same in both modes: what users see, without ids or times that
 * are random per run (case ids derive from random tip ids, timestamps differ). Sorted, so the
 * order in which events happened to arrive does not matter.
 */
export interface EndState {
  village: { stage: string; gate: { open: boolean; reasons: string[] }; openObjections: number; noticeEnded: boolean | null };
  board: { villages: number; gatesClosed: number; openObjections: number };
  nominees: { nomineeId: string; name: string; body: string; post: string; status: string }[];
  confirmRefused: number;
  audits: { planned: number; engagement: { status: string; seriousOpen: number; findings: { severity: string; amount: string; rectified: boolean }[] } };
  cases: { source: string; status: string }[];
  tipAtStaff: { status: string; finding: string | null; objectionTo: string | null };
  tipAtReporter: { status: string; finding: string | null; messages: { from: string; kind: string; text: string }[] };
}

export async function endState(c: Ctx, reporterView: any): Promise<EndState> {
  const { client, users, ids } = c;
  const view = await c.villageView();
  const board = await client.ok('GET', `/vetting/elections/${ids.electionId}`, { token: users.org });
  const audits = await client.ok('GET', `/auditing/engagements?electionId=${ids.electionId}&limit=1000`, { token: users.auditor });
  const engagement = await client.ok('GET', `/auditing/engagements/${ids.engagementId}`, { token: users.auditor });
  const ledger = await client.ok('GET', `/grievance/ledger?limit=500`, { token: users.township });
  const tip = await client.ok('GET', `/tipline/tips/${ids.tipId}`, { token: users.discipline });
  return {
    village: { stage: view.stage, gate: view.gate, openObjections: view.openObjections, noticeEnded: view.notice?.ended ?? null },
    board: { villages: board.totals.villages, gatesClosed: board.totals.gates_closed, openObjections: board.totals.open_objections },
    nominees: (view.nominees as any[])
      .map((n) => ({ nomineeId: n.nomineeId, name: n.name, body: n.body, post: n.post, status: n.status }))
      .sort((a, b) => a.nomineeId.localeCompare(b.nomineeId)),
    confirmRefused: ids.confirmRefusal.status,
    audits: {
      planned: audits.total,
      engagement: {
        status: engagement.status,
        seriousOpen: engagement.seriousOpen,
        findings: (engagement.findings as any[]).map((f) => ({ severity: f.severity, amount: f.amount, rectified: f.rectified !== null })),
      },
    },
    // The scenario's two cases only: a long-lived deployment has others on the same village.
    cases: (ledger.rows as any[])
      .filter((r) => r.caseId === ids.auditCaseId || r.caseId === ids.tipCaseId)
      .map((r) => ({ source: r.source.kind as string, status: r.status as string }))
      .sort((a, b) => a.source.localeCompare(b.source)),
    // The objection's notice end is a date of the run, so only whom it names is compared.
    tipAtStaff: { status: tip.status, finding: tip.finding?.code ?? null, objectionTo: tip.objection?.candidateId ?? null },
    tipAtReporter: {
      status: reporterView.status,
      finding: reporterView.finding,
      messages: (reporterView.messages as any[]).map((m) => ({ from: m.from, kind: m.kind, text: m.text })),
    },
  };
}
