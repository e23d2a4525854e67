/**
 * How much of a tip a viewer sees, in rising order. `statistics`: only counts (by scope); `list`: the
 * row without subjects or content; `content`: subjects, text, evidence, notes, tasks and messages.
 * The reporter's identity is none of these: it takes the approved reveal flow.
 */
export type TipView = 'none' | 'statistics' | 'list' | 'content';

export const TIP_VIEWS: readonly TipView[] = ['none', 'statistics', 'list', 'content'];
