import { BadRequestException, Controller, Get, HttpCode, Module, Param, Post, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { z } from 'zod';
import { Public, Roles } from '@lw/auth';
import { HttpClient } from '@lw/testing';
import type { ServiceKernel } from '../../service-kernel';
import { parseInput, RequestTextPipe } from '../parse-input';
import { serviceModule } from '../service-module';
import { requestSchema } from './json-schema';
import { Returns } from './returns.decorator';
import { publishServiceOpenApi } from './service-openapi';
import { ValidBody, ValidParam, ValidParams, ValidQuery } from './valid-input';

const taskSchema = z.object({ title: z.string().min(1).max(20), dueOn: z.iso.date().optional() }).strict();
const TASK_LABELS = { title: '任务内容', dueOn: '完成期限' };
const listSchema = z.object({ page: z.coerce.number().int().min(1).optional(), q: z.string().optional() }).strict();
const idSchema = z.string().regex(/^[a-z0-9-]{3,40}$/, '编号格式不正确');
const whereSchema = z.object({ villageCode: z.string().regex(/^\d{12}$/, '村代码应为12位数字'), period: z.enum(['2026', '2027']) });
const versionSchema = z.object({ expectedVersion: z.number().int().min(0).optional() }).strict();
const taskView = z.object({ id: z.string(), title: z.string() });

@Controller('tasks')
@Roles('discipline')
class TasksController {
  @Post()
  @Returns(taskView)
  create(@ValidBody(taskSchema, TASK_LABELS) body: z.infer<typeof taskSchema>) {
    return { id: 't-1', title: body.title };
  }

  @Get()
  @Roles('discipline', 'township')
  list(@ValidQuery(listSchema, { page: '页码' }) q: z.infer<typeof listSchema>) {
    return q;
  }

  @Get(':id')
  @Returns(taskView)
  one(@ValidParam('id', idSchema) id: string) {
    return { id, title: '核实' };
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') id: string, @ValidBody(versionSchema, {}, { from: (b) => b ?? {} }) b: z.infer<typeof versionSchema>) {
    return { id, ...b };
  }

  @Get('villages/:villageCode/periods/:period')
  where(@ValidParams(whereSchema) where: z.infer<typeof whereSchema>) {
    return where;
  }
}

@Controller('public')
@Public()
class FormController {
  @Get('form')
  form() {
    return { ok: true };
  }
}

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return [];
  }
}

@Module({})
class AlphaModule {}
@Module({})
class BetaModule {}

// serviceModule needs only the buses and providers of a kernel to be built.
const kernel = { commandBus: {}, queryBus: {}, providers: () => [] } as unknown as ServiceKernel;

describe('OpenAPI from the validating zod schemas', () => {
  let app: INestApplication;
  let http: HttpClient;
  const alpha: DynamicModule = serviceModule(AlphaModule, kernel, { controllers: [TasksController, FormController] });
  const beta: DynamicModule = serviceModule(BetaModule, kernel, { controllers: [ThingsController] });

  beforeAll(async () => {
    const services = [
      { name: 'tipline' as const, module: alpha },
      { name: 'grievance' as const, module: beta },
    ];
    @Module({ imports: [alpha, beta, RouterModule.register(services.map((s) => ({ path: s.name, module: s.module.module })))] })
    class Root {}
    app = await NestFactory.create(Root, { logger: false });
    for (const s of services) publishServiceOpenApi(app, s.name, s.module);
    app.useGlobalPipes(new RequestTextPipe());
    await app.listen(0, '127.0.0.1');
    http = new HttpClient(`http://127.0.0.1:${app.getHttpServer().address().port}`);
  });

  afterAll(() => app.close());

  const call = async (method: string, path: string, json?: unknown) => {
    const { status, body } = await http.call(method, path, { json });
    return { status, body };
  };
  /** What parseInput itself answers for this input: the decorators must answer exactly that. */
  const refusal = (schema: z.ZodType, input: unknown, labels?: Record<string, string>) => {
    try {
      parseInput(schema, input, labels);
    } catch (e) {
      if (e instanceof BadRequestException) return { status: e.getStatus(), body: e.getResponse() };
    }
    throw new Error('parseInput accepted the input');
  };

  describe('validation', () => {
    it("refuses a body exactly as parseInput does: 400, the field's label and the schema's Chinese reason", async () => {
      for (const body of [{ title: '' }, { title: 'x', extra: 1 }, { title: 'x', dueOn: '2026-02-30' }, {}]) {
        expect(await call('POST', '/tipline/tasks', body)).toEqual(refusal(taskSchema, body, TASK_LABELS));
      }
      expect((await call('POST', '/tipline/tasks', { title: '' })).body.message).toBe('任务内容：内容过短或为空');
      expect(await call('POST', '/tipline/tasks', { title: '走访' })).toEqual({ status: 201, body: { id: 't-1', title: '走访' } });
    });

    it('refuses a query and route parameters as parseInput does, and hands the handler the parsed values', async () => {
      expect(await call('GET', '/tipline/tasks?page=0')).toEqual(refusal(listSchema, { page: '0' }, { page: '页码' }));
      expect(await call('GET', '/tipline/tasks?page=2&q=a')).toEqual({ status: 200, body: { page: 2, q: 'a' } });
      expect(await call('GET', '/tipline/tasks/X')).toEqual(refusal(idSchema, 'X'));
      expect((await call('GET', '/tipline/tasks/X')).body.message).toBe('编号格式不正确');
      expect(await call('GET', '/tipline/tasks/villages/12/periods/2026')).toEqual(refusal(whereSchema, { villageCode: '12', period: '2026' }));
      expect((await call('GET', '/tipline/tasks/villages/320724100001/periods/2026')).body).toEqual({ villageCode: '320724100001', period: '2026' });
    });

    it('shapes the raw body first when asked (an optional body), and keeps the global text and repeat checks', async () => {
      expect(await call('POST', '/tipline/tasks/t-1/close')).toEqual({ status: 200, body: { id: 't-1' } });
      expect(await call('POST', '/tipline/tasks/t-1/close', { expectedVersion: -1 })).toEqual(refusal(versionSchema, { expectedVersion: -1 }));
      expect((await call('POST', '/tipline/tasks', { title: 'a\u0000b' })).body.message).toContain('控制字符');
      expect((await call('GET', '/tipline/tasks?q=a&q=b')).body.message).toBe('查询参数 q 只能出现一次，且应为单个值');
    });
  });

  describe('the document', () => {
    let doc: any;
    beforeAll(async () => {
      const r = await call('GET', '/tipline/openapi.json');
      expect(r.status).toBe(200);
      doc = r.body;
    });

    it('is OpenAPI 3.1 with the served paths (service prefix included), its own route left out', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/tipline/health',
          '/tipline/public/form',
          '/tipline/ready',
          '/tipline/tasks',
          '/tipline/tasks/villages/{villageCode}/periods/{period}',
          '/tipline/tasks/{id}',
          '/tipline/tasks/{id}/close',
        ].sort(),
      );
    });

    it('describes the request body and the answer by their zod schemas', () => {
      const create = doc.paths['/tipline/tasks'].post;
      expect(create.requestBody.required).toBe(true);
      expect(create.requestBody.content['application/json'].schema).toEqual(requestSchema(taskSchema));
      expect(create.responses['201'].content['application/json'].schema.properties).toEqual({ id: { type: 'string' }, title: { type: 'string' } });
      expect(create.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      expect(doc.paths['/tipline/tasks/{id}'].get.responses['200'].content['application/json'].schema.required).toEqual(['id', 'title']);
      expect(doc.paths['/tipline/tasks/{id}/close'].post.requestBody.required).toBe(false);
      expect(doc.paths['/tipline/tasks/{id}/close'].post.responses['200']).toBeDefined();
    });

    it('lists query and path parameters with their schemas', () => {
      const params = (op: any) => Object.fromEntries(op.parameters.map((p: any) => [`${p.in}:${p.name}`, p]));
      const list = params(doc.paths['/tipline/tasks'].get);
      expect(Object.keys(list).sort()).toEqual(['query:page', 'query:q']);
      expect(list['query:page']).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1 } });
      expect(params(doc.paths['/tipline/tasks/{id}'].get)['path:id']).toMatchObject({ required: true, schema: { type: 'string', pattern: '^[a-z0-9-]{3,40}$' } });
      const where = params(doc.paths['/tipline/tasks/villages/{villageCode}/periods/{period}'].get);
      expect(where['path:period'].schema.enum).toEqual(['2026', '2027']);
      expect(where['path:villageCode'].required).toBe(true);
    });

    it('names the roles from @Roles (method over class) and leaves @Public routes open', () => {
      const create = doc.paths['/tipline/tasks'].post;
      expect(create.security).toEqual([{ bearer: ['discipline'] }]);
      expect(create['x-roles']).toEqual(['discipline']);
      expect(create.responses['403'].description).toContain('discipline');
      expect(doc.paths['/tipline/tasks'].get['x-roles']).toEqual(['discipline', 'township']);
      expect(doc.paths['/tipline/public/form'].get.security).toEqual([]);
      expect(doc.paths['/tipline/public/form'].get['x-roles']).toBeUndefined();
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it("keeps each service's document to its own routes", async () => {
      const other = (await call('GET', '/grievance/openapi.json')).body;
      expect(Object.keys(other.paths).sort()).toEqual(['/grievance/health', '/grievance/ready', '/grievance/things']);
      expect(other.paths['/grievance/things'].get.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(doc.paths).some((p) => p.startsWith('/grievance'))).toBe(false);
    });
  });
});
