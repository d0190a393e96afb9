// Building blocks of the API contract: each method names its input schema and its output type.
import type { z } from 'zod';

export interface MethodSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** True when the method writes; the shells use it for HTTP verbs and backups. */
  readonly mutates: boolean;
  /** Phantom: carries the output type only. */
  readonly output?: Output;
}

export function query<Output>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({ input, mutates: false });
}

export function command<Output>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({ input, mutates: true });
}

// biome-ignore lint: any is needed to accept every spec
export type AnySpec = MethodSpec<z.ZodType, any>;
export type InputOf<S> = S extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer O> ? O : never;
