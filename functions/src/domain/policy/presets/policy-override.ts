// The type of a preset that extends another: any subset of the settings, where a list or a
// null replaces the inherited value whole (see resolve-policy).
import type { PolicyInput } from '../schema';

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type PolicyOverride = DeepPartial<PolicyInput> & {
  readonly id: string;
  readonly extends: string;
  readonly name: string;
};
