// The campaign's figures as GET …/board (drafts counted) and …/figures (approved only) answer them:
// a mirror of vetting's CampaignFigures (apps/vetting/src/domain/campaign/campaign-figures.ts).

export interface Tally {
  code: string;
  label: string;
  count: number;
}

export interface FormFigures {
  issued: number;
  returned: number;
  representatives: number;
  share: number | null;
}

export interface ProblemFigures {
  found: number;
  accepted: number;
  closed: number;
  byCategory: Tally[];
}

export interface SubjectFigures {
  assigned: number;
  opened: number;
  submitted: number;
  approved: number;
  counted: number;
  teamGrades: Tally[];
  members: number;
  memberGrades: Tally[];
  negativeMembers: number;
  problems: ProblemFigures;
}

export interface Figures {
  subjects: { assigned: number; opened: number; submitted: number; approved: number; counted: number };
  villageTeams: SubjectFigures;
  townshipTeams: SubjectFigures | null;
  talks: { total: number; required: number; byCategory: (Tally & { required: number })[] };
  meetings: { count: number; participants: number; byKind: { kind: string; count: number; participants: number }[] };
  records: number;
  questionnaires: FormFigures;
  satisfaction: FormFigures;
  representatives: { shareMin: number; met: boolean | null; belowMin: string[] };
  opinions: { total: number; becameProblems: number; byCategory: Tally[] };
  classifications: { counts: Tally[]; weak: string[]; backward: string[] };
  problems: ProblemFigures;
}

export interface CampaignFigures extends Figures {
  campaignId: string;
  scope: string | null;
  approvedOnly: boolean;
  byGroup: (Figures & { groupId: string; name: string })[];
  byTownship: (Figures & { code: string })[];
}

export const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
