export const SCOPED_BY_KEY = 'lw:auth:scopedBy';

export type ScopeSource = 'param' | 'query' | 'body';

export interface ScopeTarget {
  source: ScopeSource;
  /** Field name; dots reach nested body fields ('subject.villageCode'). */
  key: string;
  /** When the field is absent, let the handler fall back to the user's own node. */
  optional?: boolean;
}

/**
 * The division code in this request field must lie inside the user's node (404, the one scope
 * refusal: 该地区不存在或不在您的管辖范围内).
 * May be stacked: every named code is checked.
 */
export function ScopedBy(source: ScopeSource, key: string, options: { optional?: boolean } = {}): MethodDecorator {
  return (_target, _property, descriptor) => {
    const fn = descriptor.value as object;
    const existing: ScopeTarget[] = Reflect.getMetadata(SCOPED_BY_KEY, fn) ?? [];
    Reflect.defineMetadata(SCOPED_BY_KEY, [...existing, { source, key, optional: options.optional }], fn);
    return descriptor;
  };
}
