import { Controller, Get } from '@nestjs/common';
import { Public } from '@lw/auth';
import { z } from 'zod';
import * as s from './tip.schemas';
import { revealRefusalSchema, revealRequestSchema, revealSchema } from './reveal.schemas';

type Route = { method: 'get' | 'post'; path: string; summary: string; tag: '公众举报' | '举报办理'; body?: z.ZodType; query?: z.ZodType; roles?: string };

const ROUTES: Route[] = [
  { method: 'get', path: '/tipline/public/form', summary: '举报表单的类别与限制', tag: '公众举报' },
  { method: 'post', path: '/tipline/public/tips', summary: '提交举报（JSON，或 multipart：tip 字段为 JSON，evidence 为文件）；返回只显示一次的查询码', tag: '公众举报', body: s.publicTipSchema },
  { method: 'post', path: '/tipline/public/receipts/lookup', summary: '凭查询码查询进展与答复（限频、错误次数过多将锁定）', tag: '公众举报', body: s.receiptSchema },
  { method: 'get', path: '/tipline/public/notices', summary: '正在公示的候选人（村、职务、姓名、公示截止日期；分页）', tag: '公众举报', query: s.noticesQuerySchema },
  { method: 'get', path: '/tipline/public/places', summary: '本县乡镇，或某乡镇的村（社区），供举报表单选择', tag: '公众举报', query: s.placesQuerySchema },
  { method: 'post', path: '/tipline/public/receipts/reply', summary: '凭查询码回复或补充材料', tag: '公众举报', body: s.replySchema },
  { method: 'get', path: '/tipline/tips', summary: '举报收件箱（按知悉范围：纪委见本辖区，乡镇只见交本单位承办的，组织部只看统计）', tag: '举报办理', query: s.inboxQuerySchema, roles: 'discipline, org_dept, township' },
  { method: 'get', path: '/tipline/tips/export.xlsx', summary: '导出举报台账（不含举报人信息）', tag: '举报办理', query: s.inboxQuerySchema, roles: 'discipline, org_dept, township' },
  { method: 'get', path: '/tipline/tips/statistics', summary: '按乡镇/月份/类别统计', tag: '举报办理', query: s.statsQuerySchema, roles: 'discipline, org_dept, township' },
  { method: 'post', path: '/tipline/tips', summary: '登记电话、来信、来访、民情直报员、上级转办的举报', tag: '举报办理', body: s.clerkTipSchema, roles: 'discipline, township' },
  { method: 'get', path: '/tipline/tips/{id}', summary: '举报详情（内容仅纪委及承办单位可见）', tag: '举报办理', roles: 'discipline, org_dept, township' },
  { method: 'get', path: '/tipline/tips/access', summary: '本人的举报知悉范围（列表范围、统计、能否参与查看举报人审批）', tag: '举报办理', roles: 'discipline, org_dept, township' },
  { method: 'get', path: '/tipline/tips/{id}/evidence/{sha256}', summary: '下载证据文件（可见内容者）', tag: '举报办理', roles: 'discipline, township' },
  { method: 'get', path: '/tipline/tips/{id}/reporter/requests', summary: '查看举报人身份的申请及审批情况', tag: '举报办理', roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/reporter/requests', summary: '申请查看举报人身份（须写明事由，经另一名纪检人员审批）', tag: '举报办理', body: revealRequestSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/reporter/requests/{requestId}/approve', summary: '批准查看申请（不能审批本人的申请）', tag: '举报办理', roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/reporter/requests/{requestId}/refuse', summary: '拒绝查看申请', tag: '举报办理', body: revealRefusalSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/acknowledge', summary: '确认收悉（选举期间第一时间）', tag: '举报办理', roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/accept', summary: '受理', tag: '举报办理', body: s.versionSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/not-accept', summary: '不予受理（须写明理由）', tag: '举报办理', body: s.reasonSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/transfer', summary: '转办', tag: '举报办理', body: s.transferSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/assign', summary: '交办承办单位（不填则按被举报人层级与属地自动确定）', tag: '举报办理', body: s.assignSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/notes', summary: '添加初步核实记录', tag: '举报办理', body: s.noteSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/tasks', summary: '添加核实任务', tag: '举报办理', body: s.taskSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/tasks/{taskId}/complete', summary: '完成核实任务', tag: '举报办理', roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/extend', summary: '延长办结期限（仅一次）', tag: '举报办理', body: s.reasonSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/conclude', summary: '办结（属实/部分属实/不属实/无法查实，可认定诬告）', tag: '举报办理', body: s.concludeSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/messages', summary: '向举报人留言或反馈结果（举报人凭查询码查看）', tag: '举报办理', body: s.messageSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/close', summary: '结案', tag: '举报办理', body: s.versionSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/reporter', summary: '凭已批准的申请查看举报人身份（仅申请人、限时一次，全程留痕）', tag: '举报办理', body: revealSchema, roles: 'discipline' },
  { method: 'post', path: '/tipline/tips/{id}/reporter/erase', summary: '销毁举报人身份信息（不可恢复）', tag: '举报办理', body: s.reasonSchema, roles: 'discipline' },
];

function jsonSchema(t: z.ZodType): unknown {
  return z.toJSONSchema(t, { io: 'input', unrepresentable: 'any' });
}

/** OpenAPI 3.1 of the tip-line, generated from the same zod schemas that validate the requests. */
export function tiplineOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = r.query ? Object.entries((jsonSchema(r.query) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    (paths[r.path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.roles ? { security: [{ bearer: [] }], description: `角色：${r.roles}` } : { security: [] }),
      parameters: [...params, ...query],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses: {
        '200': { description: '成功' },
        '400': { description: '输入不符合要求（中文说明）' },
        '401': { description: '未登录' },
        '403': { description: '无权限或超出管辖范围' },
        '404': { description: '不存在' },
        '409': { description: '状态冲突（如已被他人办结）' },
        '422': { description: '违反业务规则（中文说明）' },
        '429': { description: '过于频繁（Retry-After 秒数）' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '村（社区）“两委”监督系统：信访举报受理', version: '1' },
    tags: [
      { name: '公众举报', description: '无需登录：提交举报、凭查询码查询和回复' },
      { name: '举报办理', description: '工作人员：登记、受理、交办、核实、办结、反馈、统计' },
    ],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

@Controller()
export class OpenApiController {
  private readonly doc = tiplineOpenApi();

  @Get('openapi.json')
  @Public()
  openapi() {
    return this.doc;
  }
}
