// Reading fields of objects the Kubernetes API hands back as plain JSON, whatever their shape.
export type Obj = Record<string, unknown>;

/** `v` when it is an object, otherwise an empty one. */
export const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** `v` when it is a string. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
