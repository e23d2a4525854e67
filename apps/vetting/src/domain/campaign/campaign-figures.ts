import type { CampaignKind, CampaignPack, Grade, SubjectKind, SubjectRules } from './campaign-pack';
import type { CampaignState } from './campaign.state';
import type { DossierProblem, FormCount } from './dossier.events';
import type { DossierState } from './dossier.state';
import { representativeShare, representativeShareMeets } from './dossier.decisions';

/** One line of a count in the pack's order: a grade, a category, a classification. */
export interface Tally {
  code: string;
  label: string;
  count: number;
}

/**
 * Questionnaires or satisfaction forms. `share` is 群众代表 among the respondents (returned), as
 * seed 004 report 1 words it (“参与问卷调查的群众代表比例不少于60%”), never returned ÷ issued;
 * null when nobody answered.
 */
export interface FormFigures {
  issued: number;
  returned: number;
  representatives: number;
  share: number | null;
}

export interface ProblemFigures {
  found: number;
  /** Accepted into rectification (a case in grievance each). */
  accepted: number;
  /** Closed (销号) by grievance. */
  closed: number;
  /** Accepted and not closed yet. */
  open: number;
  byCategory: Tally[];
}

/** One kind of subject: village 两委 or township leadership teams (seed 001 counts them apart). */
export interface SubjectFigures {
  assigned: number;
  opened: number;
  submitted: number;
  approved: number;
  /** Dossiers whose contents are counted below (approved ones only for a report). */
  counted: number;
  teamGrades: Tally[];
  /** Members graded: seed 001's “47名乡镇班子成员”, “282名村（社区）“两委”干部”. */
  members: number;
  memberGrades: Tally[];
  /** Members whose grade the pack marks negative (e.g. 不称职). */
  negativeMembers: number;
  problems: ProblemFigures;
}

export interface Figures {
  /** Both kinds together. */
  subjects: { assigned: number; opened: number; submitted: number; approved: number; counted: number };
  villageTeams: SubjectFigures;
  /** Null when the pack does not grade township teams. */
  townshipTeams: SubjectFigures | null;
  /** Talks held per category against the pack minimum × subjects assigned. */
  talks: { total: number; required: number; byCategory: (Tally & { required: number })[] };
  meetings: { count: number; participants: number; byKind: { kind: string; count: number; participants: number }[] };
  /** Records read (查阅资料). */
  records: number;
  questionnaires: FormFigures;
  satisfaction: FormFigures;
  /** The pack's minimum share of 群众代表 and the subjects whose questionnaires fall short of it. */
  representatives: { shareMin: number; met: boolean | null; belowMin: string[] };
  opinions: { total: number; becameProblems: number; byCategory: Tally[] };
  /** Villages per classification, and the 软弱涣散 / 后进 ones (codes, sorted). */
  classifications: { counts: Tally[]; weak: string[]; backward: string[] };
  /** Village and township teams together. */
  problems: ProblemFigures;
}

export interface CampaignFigures extends Figures {
  campaignId: string;
  kind: CampaignKind;
  /** The subtree asked for (significant digits), or null for the whole campaign. */
  scope: string | null;
  approvedOnly: boolean;
  byGroup: (Figures & { groupId: string; name: string })[];
  /** Per township: the 9-digit prefix of a village code, or the township team's own code. */
  byTownship: (Figures & { code: string })[];
}

export interface FiguresInput {
  campaign: CampaignState;
  pack: CampaignPack;
  dossiers: readonly DossierState[];
  scope?: string;
  /** Count only approved dossiers' contents (the report); drafts count on the board. */
  approvedOnly?: boolean;
}

interface Subject {
  kind: SubjectKind;
  code: string;
}

/** The campaign's figures for its whole scope (or a subtree), per work group and per township. */
export function campaignFigures(input: FiguresInput): CampaignFigures {
  const { campaign, pack } = input;
  const approvedOnly = input.approvedOnly ?? false;
  const inScope = (code: string) => !input.scope || code.startsWith(input.scope);
  const subjectsOf = (villages: readonly string[], townships: readonly string[]): Subject[] => [
    ...villages.filter(inScope).map((code) => ({ kind: 'village' as const, code })),
    ...townships.filter(inScope).map((code) => ({ kind: 'township' as const, code })),
  ];
  const all = unique(campaign.groups.flatMap((g) => subjectsOf(g.villages, g.townships)));
  const dossiers = input.dossiers.filter((d) => d.campaignId === campaign.campaignId && inScope(d.subject.code));
  const of = (subjects: Subject[], ds: readonly DossierState[]) => figuresOf(subjects, ds, pack, approvedOnly);
  const byGroup = campaign.groups.map((g) => {
    const subjects = subjectsOf(g.villages, g.townships);
    const codes = new Set(subjects.map((s) => s.code));
    return { groupId: g.groupId, name: g.name, ...of(subjects, dossiers.filter((d) => codes.has(d.subject.code))) };
  });
  const townshipCodes = [...new Set([...all.map((s) => s.code), ...dossiers.map((d) => d.subject.code)].map(townshipOf))].sort();
  const byTownship = townshipCodes.map((code) => ({
    code,
    ...of(
      all.filter((s) => townshipOf(s.code) === code),
      dossiers.filter((d) => townshipOf(d.subject.code) === code),
    ),
  }));
  return { campaignId: campaign.campaignId, kind: campaign.kind, scope: input.scope ?? null, approvedOnly, ...of(all, dossiers), byGroup, byTownship };
}

const townshipOf = (code: string) => code.slice(0, 9);

function unique(subjects: Subject[]): Subject[] {
  const seen = new Map(subjects.map((s) => [`${s.kind}:${s.code}`, s]));
  return [...seen.values()];
}

/**
 * The figures of one set of subjects. Coverage (assigned, opened, approved) counts every dossier;
 * everything a dossier holds counts only the `counted` ones.
 */
function figuresOf(subjects: readonly Subject[], dossiers: readonly DossierState[], pack: CampaignPack, approvedOnly: boolean): Figures {
  const counted = dossiers.filter((d) => !approvedOnly || d.status === 'approved');
  const rules = { village: pack.village, township: pack.township };
  const villageTeams = subjectFigures('village', pack.village, pack, subjects, dossiers, counted);
  const townshipTeams = pack.township ? subjectFigures('township', pack.township, pack, subjects, dossiers, counted) : null;
  const sections = counted.map((d) => d.sections);
  const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
  const kinds = [villageTeams, townshipTeams].filter((x): x is SubjectFigures => x !== null);
  const shareMin = pack.thresholds.representativeShareMin;
  const forms = sections.flatMap((s) => s.forms);
  const questionnaires = { ...formFigures(forms.filter((f) => f.kind === 'questionnaire')), share: representativeShare(forms) };
  // The same test a dossier's save applies (in integers: 30 of 50 is exactly 60%).
  const belowMin = counted
    .filter((d) => representativeShareMeets(d.sections.forms, pack) === false)
    .map((d) => d.subject.code)
    .sort();
  const opinions = sections.flatMap((s) => s.opinions);
  const villageClassified = counted.filter((d) => d.subject.kind === 'village' && d.sections.classification);
  const codesWhere = (flag: 'weak' | 'backward') =>
    villageClassified
      .filter((d) => d.sections.classification?.[flag])
      .map((d) => d.subject.code)
      .sort();
  const meetings = sections.flatMap((s) => s.meetings);
  return {
    subjects: {
      assigned: sum(kinds, (k) => k.assigned),
      opened: sum(kinds, (k) => k.opened),
      submitted: sum(kinds, (k) => k.submitted),
      approved: sum(kinds, (k) => k.approved),
      counted: sum(kinds, (k) => k.counted),
    },
    villageTeams,
    townshipTeams,
    talks: talkFigures(rules, subjects, counted),
    meetings: {
      count: sum(meetings, (m) => m.count),
      participants: sum(meetings, (m) => m.participants),
      byKind: [...new Set(meetings.map((m) => m.kind))].map((kind) => {
        const of = meetings.filter((m) => m.kind === kind);
        return { kind, count: sum(of, (m) => m.count), participants: sum(of, (m) => m.participants) };
      }),
    },
    records: sum(sections, (s) => s.records.length),
    questionnaires,
    satisfaction: formFigures(forms.filter((f) => f.kind === 'satisfaction')),
    representatives: { shareMin, met: representativeShareMeets(forms, pack), belowMin },
    opinions: {
      total: opinions.length,
      becameProblems: opinions.filter((o) => o.problemId !== null).length,
      byCategory: tallyCategories(pack.problemCategories, opinions.map((o) => o.category)),
    },
    classifications: {
      counts: tally(
        pack.village.classifications.map((c) => ({ code: c, label: c })),
        villageClassified.map((d) => d.sections.classification?.classification ?? ''),
      ),
      weak: codesWhere('weak'),
      backward: codesWhere('backward'),
    },
    problems: problemFigures(pack, counted),
  };
}

function subjectFigures(
  kind: SubjectKind,
  rules: SubjectRules,
  pack: CampaignPack,
  subjects: readonly Subject[], all: readonly DossierState[], counted: readonly DossierState[]): SubjectFigures {
  const mine = (ds: readonly DossierState[]) => ds.filter((d) => d.subject.kind === kind);
  const opened = mine(all);
  const held = mine(counted);
  const members = held.flatMap((d) => d.sections.members);
  const negative = new Set(rules.memberScale.grades.filter((g) => g.negative).map((g) => g.code));
  return {
    assigned: subjects.filter((s) => s.kind === kind).length,
    opened: opened.length,
    submitted: opened.filter((d) => d.status === 'submitted').length,
    approved: opened.filter((d) => d.status === 'approved').length,
    counted: held.length,
    teamGrades: tally(byRank(rules.teamScale.grades), held.flatMap((d) => (d.sections.team ? [d.sections.team.grade] : []))),
    members: members.length,
    memberGrades: tally(byRank(rules.memberScale.grades), members.map((m) => m.grade)),
    negativeMembers: members.filter((m) => negative.has(m.grade)).length,
    problems: problemFigures(pack, held),
  };
}

const byRank = (grades: readonly Grade[]) => [...grades].sort((a, b) => a.rank - b.rank).map((g) => ({ code: g.code, label: g.label }));

/** Counts in the given order; a value outside it (an older pack's) is appended, never dropped. */
function tally(order: readonly { code: string; label: string }[], values: readonly string[]): Tally[] {
  const rows = order.map((o) => ({ ...o, count: 0 }));
  for (const v of values) {
    const row = rows.find((r) => r.code === v) ?? rows[rows.push({ code: v, label: v, count: 0 }) - 1];
    row.count += 1;
  }
  return rows;
}

const tallyCategories = (categories: readonly string[], values: readonly string[]) =>
  tally(
    categories.map((c) => ({ code: c, label: c })),
    values,
  );

function formFigures(forms: readonly FormCount[]): FormFigures {
  const issued = forms.reduce((n, f) => n + f.issued, 0);
  const returned = forms.reduce((n, f) => n + f.returned, 0);
  const representatives = forms.reduce((n, f) => n + f.representatives, 0);
  return { issued, returned, representatives, share: returned === 0 ? null : representatives / returned };
}

function problemFigures(pack: CampaignPack, dossiers: readonly DossierState[]): ProblemFigures {
  const problems: DossierProblem[] = [];
  let accepted = 0;
  let closed = 0;
  for (const d of dossiers) {
    const ids = new Set(d.sections.problems.map((p) => p.problemId));
    problems.push(...d.sections.problems);
    accepted += d.accepted.filter((id) => ids.has(id)).length;
    closed += Object.keys(d.closed).filter((id) => ids.has(id)).length;
  }
  return { found: problems.length, accepted, closed, open: accepted - closed, byCategory: tallyCategories(pack.problemCategories, problems.map((p) => p.category)) };
}

/**
 * Talk categories of both subject kinds (village first), matched by id or label, each required
 * `minimum` times per subject of the kind it belongs to.
 */
function talkFigures(rules: { village: SubjectRules; township?: SubjectRules }, subjects: readonly Subject[], counted: readonly DossierState[]): Figures['talks'] {
  const assigned = (kind: SubjectKind) => subjects.filter((s) => s.kind === kind).length;
  const rows = new Map<string, Tally & { required: number }>();
  for (const kind of ['village', 'township'] as const) {
    for (const c of rules[kind]?.talkCategories ?? []) {
      const row = rows.get(c.id) ?? { code: c.id, label: c.label, count: 0, required: 0 };
      row.required += c.minimum * assigned(kind);
      rows.set(c.id, row);
    }
  }
  for (const d of counted) {
    for (const t of d.sections.talks) {
      const key = [...rows.values()].find((r) => r.code === t.category || r.label === t.category)?.code ?? t.category;
      const row = rows.get(key) ?? { code: key, label: key, count: 0, required: 0 };
      row.count += t.count;
      rows.set(key, row);
    }
  }
  const byCategory = [...rows.values()];
  return { total: byCategory.reduce((n, r) => n + r.count, 0), required: byCategory.reduce((n, r) => n + r.required, 0), byCategory };
}
