// Partial responses (`fields=items(id,status),nextPageToken`). Google refuses a selection that is
// malformed or names a field the response schema does not have, so the fake checks both.
import { type DiscoveryDocument, type DiscoverySchema, schemaByRef } from './discovery';
import { ApiError } from './errors';

/** field name -> sub-selection, or null for the whole field. */
type Selection = Map<string, Selection | null>;

function refuse(text: string): ApiError {
  return new ApiError({
    code: 400,
    status: 'INVALID_ARGUMENT',
    message: `Invalid field selection ${text}`,
    reason: 'invalidParameter',
    location: 'fields',
    locationType: 'parameter',
  });
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): Selection {
    const sel = this.list();
    if (this.pos !== this.text.length) throw refuse(this.text);
    return sel;
  }

  private list(): Selection {
    const sel: Selection = new Map();
    for (;;) {
      const path = this.path();
      let sub: Selection | null = null;
      if (this.text[this.pos] === '(') {
        this.pos += 1;
        sub = this.list();
        if (this.text[this.pos] !== ')') throw refuse(this.text);
        this.pos += 1;
      }
      insert(sel, path, sub);
      if (this.text[this.pos] !== ',') return sel;
      this.pos += 1;
    }
  }

  private path(): string[] {
    const m = /^(\*|[A-Za-z_][A-Za-z0-9_]*)(\/(\*|[A-Za-z_][A-Za-z0-9_]*))*/.exec(
      this.text.slice(this.pos).trimStart(),
    );
    if (m === null) throw refuse(this.text);
    this.pos = this.text.length - this.text.slice(this.pos).trimStart().length + m[0].length;
    return m[0].split('/');
  }
}

function insert(sel: Selection, path: string[], sub: Selection | null): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    sel.set(head, sub);
    return;
  }
  const existing = sel.get(head);
  const child: Selection = existing ?? new Map<string, Selection | null>();
  sel.set(head, child);
  insert(child, rest, sub);
}

function check(doc: DiscoveryDocument, schema: DiscoverySchema, sel: Selection, text: string): void {
  const s = schema.$ref === undefined ? schema : schemaByRef(doc, schema.$ref);
  if (s.type === 'array' && s.items !== undefined) {
    check(doc, s.items, sel, text);
    return;
  }
  for (const [name, sub] of sel) {
    if (name === '*') continue;
    const prop = s.properties?.[name] ?? s.additionalProperties;
    if (prop === undefined) throw refuse(text);
    if (sub !== null) check(doc, prop, sub, text);
  }
}

function project(value: unknown, sel: Selection): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, sel));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of sel) {
    const keys = name === '*' ? Object.keys(source) : [name];
    for (const key of keys) {
      if (source[key] === undefined) continue;
      out[key] = sub === null ? source[key] : project(source[key], sub);
    }
  }
  return out;
}

/**
 * Parses and checks `fields` against the response schema `responseRef` (refusing bad selections
 * before the method runs) and returns the projection to apply to the response body.
 */
export function fieldSelector(
  doc: DiscoveryDocument,
  responseRef: string | undefined,
  fields: string,
): (body: unknown) => unknown {
  const sel = new Parser(fields.trim()).parse();
  if (responseRef !== undefined) check(doc, { $ref: responseRef }, sel, fields);
  return (body) => project(body, sel);
}
