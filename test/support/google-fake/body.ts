// JSON request bodies, checked recursively against the discovery schema the method names in
// `request.$ref`: unknown names, wrong JSON types, malformed formats, values outside an enum and
// properties a method's `annotations.required` lists are refused as Google's JSON parser refuses
// them. Returns a normalised copy (numeric strings for integers become numbers; one-platform APIs
// drop OUTPUT_ONLY fields and nulls, as their proto3 parser does).
import { type DiscoveryDocument, type DiscoverySchema, schemaByRef } from './discovery';
import { ApiError, type ErrorStyle } from './errors';
import { isDate, isDateTime } from './formats';

export interface BodyContext {
  doc: DiscoveryDocument;
  style: ErrorStyle;
  /** The discovery method id, e.g. 'calendar.events.insert', for `annotations.required`. */
  methodId: string;
  /** The API's wording for a missing required property (Calendar: "Missing end time."). */
  requiredMessage?: (property: string, path: string) => string | undefined;
  /** The legacy reason for a missing required property: 'required' unless the API says otherwise (Gmail: 'invalidArgument'). */
  requiredReason?: string;
}

type Json = unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function snakePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

class BodyValidator {
  constructor(private readonly ctx: BodyContext) {}

  private fail(message: string, reason = 'badRequest'): ApiError {
    return new ApiError({ code: 400, status: 'INVALID_ARGUMENT', message, reason });
  }

  private invalid(path: string, kind: string, value: unknown): ApiError {
    const shown = this.ctx.style === 'platform' ? snakePath(path) : path;
    return this.fail(`Invalid value at '${shown}' (${kind}), ${JSON.stringify(value)}`);
  }

  private resolve(schema: DiscoverySchema): DiscoverySchema {
    return schema.$ref === undefined ? schema : schemaByRef(this.ctx.doc, schema.$ref);
  }

  value(raw: DiscoverySchema, value: Json, path: string): Json {
    const schema = this.resolve(raw);
    if (value === null) return null;
    switch (schema.type) {
      case 'object':
        return this.object(schema, value, path);
      case 'array': {
        if (!Array.isArray(value)) throw this.invalid(path, 'TYPE_LIST', value);
        const items = schema.items ?? { type: 'any' };
        return value.map((v, i) => this.value(items, v, `${path}[${i}]`));
      }
      case 'string':
        return this.string(schema, value, path);
      case 'integer':
        return this.integer(schema, value, path);
      case 'number':
        if (typeof value === 'number') return value;
        if (
          typeof value === 'string' &&
          (/^(NaN|-?Infinity)$/.test(value) || (value.trim() !== '' && !Number.isNaN(Number(value))))
        )
          return Number(value);
        throw this.invalid(path, 'TYPE_DOUBLE', value);
      case 'boolean':
        if (typeof value !== 'boolean') throw this.invalid(path, 'TYPE_BOOL', value);
        return value;
      default:
        return value;
    }
  }

  private object(schema: DiscoverySchema, value: Json, path: string): Record<string, Json> {
    if (!isRecord(value)) throw this.invalid(path, 'TYPE_MESSAGE', value);
    const out: Record<string, Json> = {};
    const props = schema.properties ?? {};
    for (const [rawKey, v] of Object.entries(value)) {
      // One-platform APIs accept proto field names (access_type) as well as JSON names (accessType).
      const key = props[rawKey] === undefined && this.ctx.style === 'platform' ? camel(rawKey) : rawKey;
      const known = props[key];
      const prop = known ?? schema.additionalProperties;
      const childPath = known === undefined ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
      if (prop === undefined) {
        const at = path === '' ? '' : ` at '${path}'`;
        throw this.fail(`Invalid JSON payload received. Unknown name "${rawKey}"${at}: Cannot find field.`);
      }
      if (this.ctx.style === 'platform' && (prop.readOnly === true || v === null)) continue;
      out[key] = this.value(prop, v, childPath);
    }
    for (const [key, prop] of Object.entries(props)) {
      if (
        prop.annotations?.required?.includes(this.ctx.methodId) !== true ||
        (out[key] !== undefined && out[key] !== null)
      )
        continue;
      const childPath = path === '' ? key : `${path}.${key}`;
      const message = this.ctx.requiredMessage?.(key, childPath) ?? `Required field: ${childPath}`;
      throw this.fail(message, this.ctx.requiredReason ?? 'required');
    }
    return out;
  }

  private string(schema: DiscoverySchema, value: Json, path: string): Json {
    if (schema.enum !== undefined) {
      // proto3 JSON also takes an enum's number; Google answers with its name.
      if (this.ctx.style === 'platform' && typeof value === 'number' && schema.enum[value] !== undefined)
        return schema.enum[value];
      if (typeof value !== 'string' || !schema.enum.includes(value))
        throw this.invalid(path, 'TYPE_ENUM', value);
      return value;
    }
    if (schema.format === 'int64' || schema.format === 'uint64') {
      if (
        (typeof value === 'number' && Number.isInteger(value)) ||
        (typeof value === 'string' && /^-?\d+$/.test(value))
      )
        return String(value);
      throw this.invalid(path, schema.format === 'int64' ? 'TYPE_INT64' : 'TYPE_UINT64', value);
    }
    if (typeof value !== 'string') throw this.invalid(path, 'TYPE_STRING', value);
    const ok = ((): boolean => {
      switch (schema.format) {
        case 'date-time':
          return isDateTime(value, false);
        case 'google-datetime':
          return isDateTime(value, true);
        case 'date':
          return isDate(value);
        case 'byte':
          return /^[A-Za-z0-9+/_-]*={0,2}$/.test(value);
        case 'google-duration':
          return /^-?\d+(\.\d{1,9})?s$/.test(value);
        default:
          return true;
      }
    })();
    if (!ok) throw this.invalid(path, schema.format ?? 'TYPE_STRING', value);
    return value;
  }

  private integer(schema: DiscoverySchema, value: Json, path: string): number {
    const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    const unsigned = schema.format === 'uint32';
    const [min, max] = unsigned ? [0, 2 ** 32 - 1] : [-(2 ** 31), 2 ** 31 - 1];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
      throw this.invalid(path, unsigned ? 'TYPE_UINT32' : 'TYPE_INT32', value);
    return n;
  }
}

/**
 * Validates `body` as the schema named `ref`. `rootName` is what Google's messages call the body:
 * 'resource' for Calendar, the lower-camel resource ('space') for one-platform APIs, '' when the
 * request message is the body itself.
 */
export function validateBody(
  ctx: BodyContext,
  ref: string,
  body: unknown,
  rootName: string,
): Record<string, unknown> {
  const v = new BodyValidator(ctx);
  const out = v.value({ $ref: ref }, body ?? {}, rootName);
  if (!isRecord(out))
    throw new ApiError({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Invalid JSON payload received. Expected an object.',
      reason: 'parseError',
    });
  return out;
}
