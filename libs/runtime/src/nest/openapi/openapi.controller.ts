import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@lw/auth';
import { ServiceOpenApi } from './service-openapi';

/** GET /<service>/openapi.json: public, as the tip-line's was (it describes routes, never data). */
@Controller()
@ApiExcludeController()
export class OpenApiController {
  constructor(private readonly openApi: ServiceOpenApi) {}

  @Get('openapi.json')
  @Public()
  openapi() {
    if (!this.openApi.document) throw new ServiceUnavailableException('接口说明尚未生成');
    return this.openApi.document;
  }
}
