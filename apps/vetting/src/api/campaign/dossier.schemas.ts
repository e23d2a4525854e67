import { z } from 'zod';
import { requestDateSchema } from '@lw/domain';

// Request shapes of the dossier routes. A section's content is checked against the campaign's pack
// by the domain (section-content), so its shape here is open.

export const SECTIONS = ['talks', 'meetings', 'records', 'forms', 'opinions', 'findings', 'team', 'members', 'classification', 'problems', 'running'] as const;

const subject = z.string().regex(/^(\d{9}|\d{12})$/, '检查对象代码应为 12 位村（社区）代码或 9 位乡镇（街道）代码');

export const dossierParams = z.object({ campaignId: z.uuid('检查活动编号格式不正确'), subjectCode: subject }).strict();
export const sectionParams = dossierParams.extend({ section: z.enum(SECTIONS, { error: `档案栏目应为 ${SECTIONS.join('、')} 之一` }) }).strict();

export const sectionBody = z.object({ content: z.unknown().refine((v) => v !== undefined, '缺少栏目内容') }).strict();
export const approveBody = z.object({ comment: z.string().max(2000, '审核意见不超过 2000 字').default('') }).strict();
export const returnBody = z.object({ reason: z.string().max(2000, '退回理由不超过 2000 字') }).strict();
export const feedbackBody = z.object({ letterNo: z.string().trim().min(1, '请填写反馈意见函文号').max(100, '文号过长') }).strict();

const commitment = z
  .object({
    problemId: z.string().min(1, '缺少问题编号').max(80),
    measures: z.string().max(5000, '整改措施不超过 5000 字'),
    responsible: z.object({ name: z.string().max(50, '责任人姓名过长'), post: z.string().max(100, '责任人职务过长') }).strict(),
    deadline: requestDateSchema('完成时限应为 YYYY-MM-DD 格式的有效日期'),
  })
  .strict();
export const commitmentsBody = z.object({ commitments: z.array(commitment).min(1, '请至少填写一项整改承诺').max(200) }).strict();
export const acceptBody = z.object({ problemIds: z.array(z.string().min(1).max(80)).min(1, '请选择要交办整改的问题').max(200) }).strict();
