// The route table, built from a discovery document's resources.*.methods.* entries. A method's URL
// is '/' + servicePath + path, where `{x}` is one percent-encoded segment and `{+x}` may span
// segments (Meet's `v2/{+name}`); a path parameter with a `pattern` must also match it, which is how
// `spaces/abc` reaches spaces.get while `conferenceRecords/abc` reaches conferenceRecords.get.
import type { DiscoveryDocument, DiscoveryMethod, DiscoveryResource } from './discovery';

export interface Route {
  api: string;
  /** Dotted resource path, e.g. 'events' or 'conferenceRecords.participants'. */
  resource: string;
  method: string;
  /** `${api}.${resource}.${method}`, e.g. 'calendar.events.insert'. */
  operation: string;
  httpMethod: string;
  spec: DiscoveryMethod;
  regex: RegExp;
  pathParams: string[];
  /** Literal characters in the template; more literal routes win (events/import over events/{eventId}). */
  specificity: number;
}

export type RouteMatch =
  | { kind: 'matched'; route: Route; pathParams: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(template: string): { regex: RegExp; names: string[]; literal: number } {
  const names: string[] = [];
  let source = '';
  let literal = 0;
  let rest = template;
  for (
    let m = /\{(\+?)([A-Za-z0-9_$.-]+)\}/.exec(rest);
    m !== null;
    m = /\{(\+?)([A-Za-z0-9_$.-]+)\}/.exec(rest)
  ) {
    const before = rest.slice(0, m.index);
    source += escapeRegex(before);
    literal += before.length;
    source += m[1] === '+' ? '(.+?)' : '([^/]+)';
    names.push(m[2] ?? '');
    rest = rest.slice(m.index + m[0].length);
  }
  source += escapeRegex(rest);
  literal += rest.length;
  return { regex: new RegExp(`^${source}$`), names, literal };
}

function collect(
  api: string,
  doc: DiscoveryDocument,
  resources: Record<string, DiscoveryResource>,
  prefix: string,
  out: Route[],
): void {
  for (const [resourceName, resource] of Object.entries(resources)) {
    const dotted = prefix === '' ? resourceName : `${prefix}.${resourceName}`;
    for (const [methodName, spec] of Object.entries(resource.methods ?? {})) {
      const { regex, names, literal } = compile(`/${doc.servicePath}${spec.path}`);
      out.push({
        api,
        resource: dotted,
        method: methodName,
        operation: `${api}.${dotted}.${methodName}`,
        httpMethod: spec.httpMethod.toUpperCase(),
        spec,
        regex,
        pathParams: names,
        specificity: literal,
      });
    }
    if (resource.resources !== undefined) collect(api, doc, resource.resources, dotted, out);
  }
}

export function buildRoutes(api: string, doc: DiscoveryDocument): Route[] {
  const routes: Route[] = [];
  collect(api, doc, doc.resources, '', routes);
  return routes.sort((a, b) => b.specificity - a.specificity);
}

function decodePathValue(raw: string, reserved: boolean): string | null {
  try {
    return reserved ? raw.split('/').map(decodeURIComponent).join('/') : decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function paramsFor(route: Route, path: string): Record<string, string> | null {
  const m = route.regex.exec(path);
  if (m === null) return null;
  const params: Record<string, string> = {};
  const reserved = new Set([...route.spec.path.matchAll(/\{\+([^}]+)\}/g)].map((r) => r[1]));
  for (const [i, name] of route.pathParams.entries()) {
    const value = decodePathValue(m[i + 1] ?? '', reserved.has(name));
    if (value === null) return null;
    const pattern = route.spec.parameters?.[name]?.pattern;
    if (pattern !== undefined && !new RegExp(pattern).test(value)) return null;
    params[name] = value;
  }
  return params;
}

/** Finds the method serving `httpMethod path` (path without query string, still percent-encoded). */
export function matchRoute(routes: readonly Route[], httpMethod: string, path: string): RouteMatch {
  let pathKnown = false;
  for (const route of routes) {
    const params = paramsFor(route, path);
    if (params === null) continue;
    if (route.httpMethod === httpMethod.toUpperCase()) return { kind: 'matched', route, pathParams: params };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'wrong-method' } : { kind: 'none' };
}
