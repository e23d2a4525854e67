/**
 * OpenAPI from the zod schemas that validate the requests. A controller declares its input with
 * these parameter decorators instead of calling parseInput by hand (same 400, same Chinese
 * messages), and its answers with @Returns; the service's document is generated from them and served
 * at GET /<service>/openapi.json (public). Roles come from @Roles/@Public, nothing to repeat:
 *
 *   @Post(':id/conclude')
 *   @Roles('discipline')
 *   @HttpCode(200)
 *   @Returns(tipSummarySchema)                              // success answer (status: the route's own)
 *   @ApiOperation({ summary: '办结' })                      // optional, from @nestjs/swagger
 *   conclude(
 *     @CurrentActor() actor: Actor,
 *     @ValidParam('id', tipIdSchema) id: string,             // or a plain @Param('id') id: string
 *     @ValidBody(s.concludeSchema, { finding: '核实结论' }) body: z.infer<typeof s.concludeSchema>,
 *   ) { … }
 *
 *   @Get() list(@ValidQuery(s.inboxQuerySchema, labels) q: z.infer<typeof s.inboxQuerySchema>) { … }
 *
 * `parseInput(schema, body ?? {}, labels)` becomes `@ValidBody(schema, labels, { from: (b) => b ?? {} })`;
 * `parseInput(schema, tipFromRequest(body), labels)` becomes `@ValidBody(schema, labels, { from: tipFromRequest })`;
 * `parseInput(schema, { villageCode, period })` becomes `@ValidParams(schema) where: z.infer<typeof schema>`.
 * A multipart route adds `@ApiConsumes('multipart/form-data')`. Working example: openapi.unit.spec.ts.
 */
export * from './valid-input';
export * from './returns.decorator';
export * from './returns-file.decorator';
