// Google's discovery documents, loaded from test/fixtures/google-discovery, and the subset of their
// format the fake reads. The documents are the contract: routes, parameters, scopes and body
// schemas all come from them, so a newer revision changes the fake without code changes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DiscoverySchema {
  id?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'any';
  $ref?: string;
  format?: string;
  enum?: string[];
  items?: DiscoverySchema;
  properties?: Record<string, DiscoverySchema>;
  additionalProperties?: DiscoverySchema;
  readOnly?: boolean;
  /** `required` lists the method ids (e.g. 'calendar.events.insert') that need this property. */
  annotations?: { required?: string[] };
}

export interface DiscoveryParameter {
  type: 'string' | 'integer' | 'number' | 'boolean';
  location: 'query' | 'path';
  required?: boolean;
  repeated?: boolean;
  enum?: string[];
  format?: string;
  pattern?: string;
  minimum?: string;
  maximum?: string;
  default?: string;
}

export interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  path: string;
  flatPath?: string;
  parameters?: Record<string, DiscoveryParameter>;
  parameterOrder?: string[];
  request?: { $ref: string };
  response?: { $ref: string };
  scopes?: string[];
}

export interface DiscoveryResource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, DiscoveryResource>;
}

export interface DiscoveryDocument {
  name: string;
  version: string;
  revision: string;
  rootUrl: string;
  servicePath: string;
  parameters: Record<string, DiscoveryParameter>;
  resources: Record<string, DiscoveryResource>;
  schemas: Record<string, DiscoverySchema>;
}

export const DISCOVERY_DIR = resolve(__dirname, '../../fixtures/google-discovery');

const cache = new Map<string, DiscoveryDocument>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads e.g. 'calendar-v3.json'; checks the shape the fake depends on so a wrong file fails loudly. */
export function loadDiscovery(file: string): DiscoveryDocument {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const raw: unknown = JSON.parse(readFileSync(resolve(DISCOVERY_DIR, file), 'utf8'));
  if (
    !isRecord(raw) ||
    raw.kind !== 'discovery#restDescription' ||
    typeof raw.servicePath !== 'string' ||
    !isRecord(raw.resources) ||
    !isRecord(raw.schemas) ||
    !isRecord(raw.parameters)
  ) {
    throw new Error(`${file} is not a Google discovery document`);
  }
  // The checks above cover what the fake reads first; the rest follows Google's published format.
  const doc = raw as unknown as DiscoveryDocument;
  cache.set(file, doc);
  return doc;
}

export function schemaByRef(doc: DiscoveryDocument, ref: string): DiscoverySchema {
  const schema = doc.schemas[ref];
  if (schema === undefined) throw new Error(`${doc.name} ${doc.version} has no schema ${ref}`);
  return schema;
}
