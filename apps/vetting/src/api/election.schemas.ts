import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { DIVISION_CODE_LENGTHS, DIVISION_LEVELS, FULL_DIVISION_CODE_LENGTH, requestDateSchema, requestDivisionCodeSchema as divisionCode, type DivisionLevel } from '@lw/domain';
import { policyPackSchema } from '../domain/policy/policy-pack.schema';
import { isPostOf } from '../domain/roster/post';

/** Digits of a level's code, for the messages. */
const digitsOf = (level: DivisionLevel) => DIVISION_CODE_LENGTHS[DIVISION_LEVELS.indexOf(level)];

const village = divisionCode(['village'], `村/社区代码应为 ${FULL_DIVISION_CODE_LENGTH} 位数字`);
const seat = z.number({ error: '职数应为整数' }).int('职数应为整数').min(1, '职数至少为 1').max(15, '职数最多为 15');
const seats = z.strictObject({ party: seat, committee: seat, supervision: seat });
const localDate = requestDateSchema('日期应为有效的 YYYY-MM-DD');

export const openElectionSchema = z.strictObject({
  electionId: z.string().regex(/^[a-z0-9]{3,32}$/, '换届编号应为 3 至 32 位小写字母或数字'),
  name: z.string().trim().min(1, '请填写换届名称').max(100),
  /** The division the election covers; villages default to every village in it. */
  scope: divisionCode(['county', 'township', 'village'], `范围应为县（${digitsOf('county')} 位）、乡镇（${digitsOf('township')} 位）或 ${FULL_DIVISION_CODE_LENGTH} 位区划代码`),
  policy: z.strictObject({ id: z.string().min(1).max(40), version: z.number().int().min(1) }).default({ id: 'default', version: 1 }),
  votingFrom: localDate.nullish(),
  /** 职数 for villages that do not list their own. */
  seats: seats.optional(),
  villages: z.array(z.strictObject({ villageCode: village, seats: seats.optional() })).min(1, '请至少选择一个村').optional(),
});

export const nomineeSchema = z
  .strictObject({
    nomineeId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '人选编号格式不正确'),
    personId: z.string().min(1, '请选择花名册中的人员').max(64),
    body: z.enum(['party', 'committee', 'supervision'], { error: '班子应为 party、committee 或 supervision' }),
    post: z.string().min(1, '请填写拟任职务').max(30),
  })
  .refine((n) => isPostOf(n.body, n.post), { message: '拟任职务与班子不符（党组织：书记、副书记、委员、纪检委员；村委会：主任、副主任、委员；监委会：监委会主任、成员）', path: ['post'] });

/** The township's own opinion joins the engine's verdicts; without it the engine decides alone. */
export const firstReviewSchema = z
  .strictObject({ decision: z.enum(['pass', 'fail'], { error: '初审意见应为 pass 或 fail' }), reason: z.string().trim().min(1, '请写明初审意见').max(1000) })
  .optional();
export const approvalSchema = z.strictObject({
  ruleId: z.string().min(1, '请写明批准的规则').max(80),
  nomineeId: z.string().min(1).max(40).optional(),
  reason: z.string().trim().min(1, '请写明批准理由').max(1000),
});
export const jointRequestSchema = z.strictObject({ departments: z.array(z.string().min(1).max(40)).min(1).optional() });
export const jointAnswerSchema = z.strictObject({ answer: z.enum(['pass', 'fail', 'needs_info'], { error: '答复应为 pass、fail 或 needs_info' }), reason: z.string().max(1000).nullish() });
export const resultSchema = z.strictObject({ elected: z.array(z.string().min(1)).min(1, '请选择当选人') });
export const boardQuerySchema = z.strictObject({
  /** A county, township or village under the actor's node: the board of its villages. */
  village: divisionCode(['county', 'township', 'village'], '地区代码应为县、乡镇或村（社区）的区划代码').optional(),
  stage: z.string().max(20).optional(),
  gate: z.enum(['open', 'closed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const electionListQuerySchema = z.strictObject({
  village: village.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** One pack by id and version (GET /policy-packs/:id/:version). */
export const packKeySchema = z.strictObject({
  id: z.string().min(1).max(40),
  version: z.coerce.number({ error: '版本号应为正整数' }).int('版本号应为正整数').min(1, '版本号应为正整数'),
});

/**
 * The pack a release sends, for the OpenAPI document only: the command validates it itself, so a
 * wrong field answers 422 naming it in Chinese (validatePolicyPack).
 */
export const releasePackBody = (({ $schema: _dialect, ...rest }) => rest as SchemaObject)(z.toJSONSchema(policyPackSchema, { io: 'input', unrepresentable: 'any' }));
