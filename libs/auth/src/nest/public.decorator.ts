import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'lw:auth:public';

/** Open to the unauthenticated public (tip submission, receipt-code lookups, login). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
