/**
 * The bodies of a village and their posts. '委员' exists in both the party organisation and the
 * villagers' committee, so a post only means something together with its body.
 */
export type Body = 'party' | 'committee' | 'supervision' | 'reserve';

export const POSTS_BY_BODY = {
  party: ['书记', '副书记', '委员', '纪检委员'],
  committee: ['主任', '副主任', '委员'],
  supervision: ['监委会主任', '成员'],
  reserve: ['后备干部'],
} as const satisfies Record<Body, readonly string[]>;

export type PostOf<B extends Body> = (typeof POSTS_BY_BODY)[B][number];
export type Post = PostOf<Body>;

/** A post together with the body it belongs to. */
export type BodyPost = { [B in Body]: { body: B; post: PostOf<B> } }[Body];

export const BODY_LABELS: Readonly<Record<Body, string>> = {
  party: '村（社区）党组织',
  committee: '村（居）民委员会',
  supervision: '村（居）务监督委员会',
  reserve: '后备干部队伍',
};

/** The "two committees" (两委): the people counted as cadres in the basic situation. */
export function isTwoCommittees(body: Body): body is 'party' | 'committee' {
  return body === 'party' || body === 'committee';
}

export function isPostOf(body: Body, post: string): boolean {
  return (POSTS_BY_BODY[body] as readonly string[]).includes(post);
}

/** Posts with one seat per village body (书记, 主任, 监委会主任): two holders at once is a data error. */
export function isSingleSeat(p: { body: Body; post: string }): boolean {
  return isPartySecretary(p) || isCommitteeChair(p) || (p.body === 'supervision' && p.post === '监委会主任');
}

export function isPartySecretary(p: { body: Body; post: string }): boolean {
  return p.body === 'party' && p.post === '书记';
}

export function isCommitteeChair(p: { body: Body; post: string }): boolean {
  return p.body === 'committee' && p.post === '主任';
}
