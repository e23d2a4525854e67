import { z } from 'zod';

/** Bodies of the reporter-reveal flow (the reason's minimum length is policy data, checked by the domain). */
export const revealRequestSchema = z.object({ reason: z.string({ error: '请填写查看事由' }).min(1, '请填写查看事由').max(1000, '查看事由不能超过 1000 字') }).strict();
export const revealRefusalSchema = z.object({ reason: z.string().max(1000, '拒绝理由不能超过 1000 字').nullish() }).strict();
/** Reveal under an approval: the request it was given for (optional: the requester's latest approval). */
export const revealSchema = z.object({ requestId: z.uuid('申请编号不正确').nullish() }).strict();
export const REVEAL_LABELS = { reason: '查看事由', requestId: '申请编号' };
