import { SetMetadata } from '@nestjs/common';
import type { Role } from '../roles';

export const ROLES_KEY = 'lw:auth:roles';

/** The user needs at least one of these roles (403 otherwise). On a method it overrides the class. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
