/** Injection token of a service's ServiceKernel, provided by that service's own module. */
export const KERNEL = Symbol('ServiceKernel');
