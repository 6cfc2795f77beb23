// Query and path parameters, checked against the method's `parameters` plus the document's
// top-level ones (alt, fields, prettyPrint, ...). Anything undeclared, malformed, out of range or
// outside its enum is refused with the error the API's style uses.
import type { DiscoveryDocument, DiscoveryParameter } from './discovery';
import { ApiError, type ErrorStyle } from './errors';
import { isDateTime } from './formats';
import type { Route } from './routes';

type Scalar = string | number | boolean;

/** Typed access to validated parameters, so handlers need no narrowing. */
export class Params {
  constructor(private readonly values: ReadonlyMap<string, readonly Scalar[]>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string | undefined {
    const v = this.values.get(name)?.[0];
    return typeof v === 'string' ? v : undefined;
  }

  requireString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new Error(`parameter ${name} was not validated as a present string`);
    return v;
  }

  integer(name: string): number | undefined {
    const v = this.values.get(name)?.[0];
    return typeof v === 'number' ? v : undefined;
  }

  boolean(name: string): boolean | undefined {
    const v = this.values.get(name)?.[0];
    return typeof v === 'boolean' ? v : undefined;
  }

  strings(name: string): string[] {
    return (this.values.get(name) ?? []).filter((v): v is string => typeof v === 'string');
  }
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function refuse(
  style: ErrorStyle,
  name: string,
  value: string,
  legacyMessage: string,
  protoType: string,
  reason = 'invalidParameter',
): ApiError {
  const message =
    style === 'legacy' ? legacyMessage : `Invalid value at '${snake(name)}' (${protoType}), "${value}"`;
  return new ApiError({
    code: 400,
    status: 'INVALID_ARGUMENT',
    message,
    reason,
    location: name,
    locationType: 'parameter',
  });
}

const FIELD_PATH = /^(\*|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$/;

function convert(style: ErrorStyle, name: string, spec: DiscoveryParameter, value: string): Scalar {
  if (spec.type === 'integer') {
    if (!/^-?\d+$/.test(value))
      throw refuse(style, name, value, `Invalid integer value: '${value}'.`, 'TYPE_INT32');
    const n = Number(value);
    // Without explicit bounds the format's own range applies (Gmail's maxResults are uint32).
    const unsigned = spec.format === 'uint32';
    const min = spec.minimum === undefined ? (unsigned ? 0 : -(2 ** 31)) : Number(spec.minimum);
    const max = spec.maximum === undefined ? (unsigned ? 2 ** 32 - 1 : 2 ** 31 - 1) : Number(spec.maximum);
    if (n < min || n > max) {
      throw refuse(
        style,
        name,
        value,
        `Invalid value '${value}'. Values must be within the range: [${spec.minimum ?? min}, ${spec.maximum ?? max}]`,
        'TYPE_INT32',
      );
    }
    return n;
  }
  if (spec.type === 'number') {
    const n = Number(value);
    if (value.trim() === '' || Number.isNaN(n))
      throw refuse(style, name, value, `Invalid number value: '${value}'.`, 'TYPE_DOUBLE');
    return n;
  }
  if (spec.type === 'boolean') {
    if (value !== 'true' && value !== 'false')
      throw refuse(style, name, value, `Invalid boolean value: '${value}'.`, 'TYPE_BOOL');
    return value === 'true';
  }
  if (spec.enum !== undefined && !spec.enum.includes(value)) {
    throw refuse(
      style,
      name,
      value,
      `Invalid value '${value}'. Values must match the following regular expression: '${spec.enum.join('|')}'`,
      'TYPE_ENUM',
    );
  }
  if (spec.format === 'date-time' && !isDateTime(value, true)) {
    // Calendar's answer to a malformed timeMin/timeMax/updatedMin is a bare "Bad Request".
    throw refuse(
      style,
      name,
      value,
      'Bad Request',
      'type.googleapis.com/google.protobuf.Timestamp',
      'badRequest',
    );
  }
  if (spec.format === 'google-fieldmask' && !value.split(',').every((p) => FIELD_PATH.test(p.trim()))) {
    throw refuse(
      style,
      name,
      value,
      `Invalid field mask: '${value}'.`,
      'type.googleapis.com/google.protobuf.FieldMask',
    );
  }
  if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(value)) {
    throw refuse(
      style,
      name,
      value,
      `Invalid value '${value}'. Values must match the following regular expression: '${spec.pattern}'`,
      'TYPE_STRING',
    );
  }
  return value;
}

export interface ParamInput {
  doc: DiscoveryDocument;
  route: Route;
  style: ErrorStyle;
  query: Record<string, string[]>;
  pathParams: Record<string, string>;
}

export function validateParams({ doc, route, style, query, pathParams }: ParamInput): Params {
  const declared = route.spec.parameters ?? {};
  const values = new Map<string, Scalar[]>();
  for (const [name, raw] of Object.entries(query)) {
    const spec = declared[name] ?? doc.parameters[name];
    if (spec === undefined || spec.location !== 'query') {
      const message =
        style === 'legacy'
          ? `Invalid parameter: '${name}' is not a parameter of ${route.spec.id}.`
          : `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`;
      throw new ApiError({
        code: 400,
        status: 'INVALID_ARGUMENT',
        message,
        reason: 'invalidParameter',
        location: name,
        locationType: 'parameter',
      });
    }
    if (raw.length > 1 && spec.repeated !== true) {
      throw refuse(style, name, raw.join(','), `Parameter '${name}' must not be repeated.`, 'TYPE_STRING');
    }
    values.set(
      name,
      raw.map((v) => convert(style, name, spec, v)),
    );
  }
  for (const [name, value] of Object.entries(pathParams)) {
    const spec = declared[name];
    if (spec !== undefined) values.set(name, [convert(style, name, spec, value)]);
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (spec.required === true && !values.has(name)) {
      const message =
        style === 'legacy' ? `Required parameter: ${name}` : `Missing required parameter: ${snake(name)}`;
      throw new ApiError({
        code: 400,
        status: 'INVALID_ARGUMENT',
        message,
        reason: 'required',
        location: name,
        locationType: 'parameter',
      });
    }
  }
  return new Params(values);
}

/** Query string as Google receives it: every value of every name, in order. */
export function queryValues(search: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of search) (out[k] ??= []).push(v);
  return out;
}
