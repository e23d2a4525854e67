import { z } from 'zod';

const village = z.string().regex(/^\d{12}$/, '村/社区代码应为 12 位数字');
const seats = z.number().int().min(1, '职数至少为 1').max(7, '职数最多为 7');

export const openElectionSchema = z
  .object({
    electionId: z.string().regex(/^[a-z0-9]{3,32}$/, '换届编号应为 3 至 32 位小写字母或数字'),
    villages: z.array(z.object({ villageCode: village, seats: z.object({ party: seats, committee: seats, supervision: seats }) })).min(1, '请至少选择一个村'),
  })
  .strict();

export const nomineeSchema = z
  .object({
    nomineeId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '人选编号格式不正确'),
    personId: z.string().min(1).max(40),
    name: z.string().min(1, '请填写姓名').max(50),
    post: z.string().min(1, '请填写拟任职务').max(30),
    body: z.enum(['party', 'committee', 'supervision'], { error: '班子应为 party、committee 或 supervision' }),
  })
  .strict();

/** The township's first review: its decision, with the reason (the rules engine's verdicts join it when it lands). */
export const firstReviewSchema = z.object({ decision: z.enum(['pass', 'fail'], { error: '初审结论应为 pass 或 fail' }), reason: z.string().min(1, '请写明初审意见').max(1000) }).strict();
export const jointRequestSchema = z.object({ departments: z.array(z.string().min(1).max(20)).min(1).optional() }).strict();
export const jointAnswerSchema = z.object({ answer: z.enum(['pass', 'fail', 'needs_info'], { error: '答复应为 pass、fail 或 needs_info' }), reason: z.string().max(1000).nullish() }).strict();
export const gateSchema = z.object({ open: z.boolean(), reasons: z.array(z.string().max(200)).default([]) }).strict();
export const resultSchema = z.object({ elected: z.array(z.string().min(1)).min(1, '请选择当选人') }).strict();
