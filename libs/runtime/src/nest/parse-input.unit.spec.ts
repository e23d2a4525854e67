import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { parseInput, RequestTextPipe } from './parse-input';

const thrown = (f: () => unknown): { status: number; message: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof BadRequestException) return { status: e.getStatus(), message: (e.getResponse() as { message: string }).message };
    throw e;
  }
  throw new Error('nothing thrown');
};

describe('parseInput', () => {
  const schema = z.object({ text: z.string(), tags: z.array(z.string()).optional() }).strict();

  it('refuses control characters before the schema, naming the field in Chinese, never echoing the value', () => {
    const r = thrown(() => parseInput(schema, { text: '王某\u0000电话13800000000' }, { text: '举报内容' }));
    expect(r.status).toBe(400);
    expect(r.message).toBe('举报内容：含有不允许的控制字符（如 NUL），请删除后重新提交');
    expect(thrown(() => parseInput(schema, { text: 'ok', tags: ['a', 'b\u0007'] })).message).toContain('字段 tags.1');
    expect(parseInput(schema, { text: '第一行\n第二行\t完' })).toEqual({ text: '第一行\n第二行\t完' });
  });
});

describe('RequestTextPipe', () => {
  const pipe = new RequestTextPipe();

  it('refuses a repeated or nested query parameter, named or in the whole query', () => {
    expect(thrown(() => pipe.transform(['a', 'b'], { type: 'query', data: 'q' })).message).toBe('查询参数 q 只能出现一次，且应为单个值');
    expect(thrown(() => pipe.transform({ limit: '5', q: ['a', 'b'] }, { type: 'query' })).message).toContain('q');
    expect(thrown(() => pipe.transform({ q: { x: 'a' } }, { type: 'query' })).status).toBe(400);
    expect(pipe.transform({ q: 'a' }, { type: 'query' })).toEqual({ q: 'a' });
    expect(pipe.transform(undefined, { type: 'query', data: 'asOf' })).toBeUndefined();
  });

  it('refuses control characters in bodies and route parameters; leaves custom arguments alone', () => {
    expect(thrown(() => pipe.transform('\u0000', { type: 'param', data: 'id' })).message).toContain('字段 id');
    expect(thrown(() => pipe.transform({ a: { b: 'x\u001b' } }, { type: 'body' })).status).toBe(400);
    const actor = { name: '\u0000' };
    expect(pipe.transform(actor, { type: 'custom' })).toBe(actor);
  });
});
