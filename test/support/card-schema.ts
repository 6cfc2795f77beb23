// Checks card JSON against Google's own card schema, GoogleAppsCardV1Card in the Chat API's
// discovery document (test/fixtures/google-discovery/chat-v1.json), which Workspace add-ons
// share. Stricter than Google's proto3 JSON parser on purpose, so a card the add-on draws is
// exactly what the schema describes: unknown names, wrong JSON types, values outside an enum,
// int64 not written as a decimal string, int32 not a whole number in range, and what the schema
// only says in prose (a "Required." field, a union field set more or less than once) are all
// problems. Every problem names its path, e.g. `sections[0].widgets[2].buttonList.buttons[0].type`.
import {
  loadDiscovery,
  schemaByRef,
  type DiscoveryDocument,
  type DiscoverySchema,
} from './google-fake/discovery';

const CARD = 'GoogleAppsCardV1Card';

/** Union fields ("can be only one of the following"), which discovery documents cannot express. */
const ONE_OF: Readonly<Record<string, readonly string[]>> = {
  GoogleAppsCardV1Widget: [
    'textParagraph',
    'image',
    'decoratedText',
    'buttonList',
    'textInput',
    'selectionInput',
    'dateTimePicker',
    'divider',
    'grid',
    'columns',
    'carousel',
    'chipList',
  ],
  GoogleAppsCardV1OnClick: ['action', 'openLink', 'openDynamicLinkAction', 'card', 'overflowMenu'],
  GoogleAppsCardV1Icon: ['knownIcon', 'iconUrl', 'materialIcon'],
};

/** The discovery format's description, which the google-fake does not read but "Required." lives in. */
type Described = DiscoverySchema & { readonly description?: string };

const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  // Parsed JSON holds no functions; undefined is the one value JSON.stringify cannot show.
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

class CardChecker {
  readonly problems: string[] = [];

  constructor(private readonly doc: DiscoveryDocument) {}

  private problem(path: string, message: string): void {
    this.problems.push(`${path === '' ? '(card)' : path}: ${message}`);
  }

  check(raw: DiscoverySchema, value: unknown, path: string): void {
    const schema = raw.$ref === undefined ? raw : schemaByRef(this.doc, raw.$ref);
    switch (schema.type) {
      case 'object':
        this.object(schema, raw.$ref, value, path);
        return;
      case 'array':
        if (!Array.isArray(value)) {
          this.problem(path, `must be an array, not ${shown(value)}`);
          return;
        }
        value.forEach((item, i) => {
          this.check(schema.items ?? { type: 'any' }, item, `${path}[${i}]`);
        });
        return;
      case 'string':
        this.string(schema, value, path);
        return;
      case 'integer': {
        const [min, max] = schema.format === 'uint32' ? [0, 2 ** 32 - 1] : INT32;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
          this.problem(path, `must be a whole number (${schema.format ?? 'integer'}), not ${shown(value)}`);
        }
        return;
      }
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          this.problem(path, `must be a number, not ${shown(value)}`);
        }
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.problem(path, `must be true or false, not ${shown(value)}`);
        return;
      default:
        return;
    }
  }

  private object(schema: DiscoverySchema, ref: string | undefined, value: unknown, path: string): void {
    if (!isRecord(value)) {
      this.problem(path, `must be an object${ref === undefined ? '' : ` (${ref})`}, not ${shown(value)}`);
      return;
    }
    const props = schema.properties ?? {};
    for (const [key, v] of Object.entries(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      const prop = props[key] ?? schema.additionalProperties;
      if (prop === undefined) this.problem(child, `is not a field of ${ref ?? 'this object'}`);
      else this.check(prop, v, props[key] === undefined ? `${path}[${shown(key)}]` : child);
    }
    for (const [key, prop] of Object.entries(props) as [string, Described][]) {
      if (prop.description?.startsWith('Required.') === true && value[key] === undefined) {
        this.problem(path === '' ? key : `${path}.${key}`, `is required by ${ref ?? 'this object'}`);
      }
    }
    const union = ref === undefined ? undefined : ONE_OF[ref];
    if (union !== undefined) {
      const set = union.filter((key) => value[key] !== undefined);
      if (set.length !== 1) {
        this.problem(
          path,
          `${ref ?? ''} must set exactly one of ${union.join(', ')}, not ${set.length === 0 ? 'none' : set.join(' and ')}`,
        );
      }
    }
  }

  private string(schema: DiscoverySchema, value: unknown, path: string): void {
    if (typeof value !== 'string') {
      // int64 travels as a decimal string in JSON; a number loses precision past 2^53.
      const what = schema.format === 'int64' ? 'an int64 as a decimal string' : 'a string';
      this.problem(path, `must be ${what}, not ${shown(value)}`);
      return;
    }
    if (schema.enum !== undefined && !schema.enum.includes(value)) {
      this.problem(path, `${shown(value)} is not one of ${schema.enum.join(', ')}`);
    } else if ((schema.format === 'int64' || schema.format === 'uint64') && !/^-?\d+$/.test(value)) {
      this.problem(path, `${shown(value)} is not a decimal ${schema.format}`);
    }
  }
}

/** Everything about `card` that GoogleAppsCardV1Card does not allow; empty when it is valid. */
export function cardProblems(card: unknown): string[] {
  const checker = new CardChecker(loadDiscovery('chat-v1.json'));
  checker.check({ $ref: CARD }, card, '');
  return checker.problems;
}

/** Fails the test with every problem listed when `card` is not a valid GoogleAppsCardV1Card. */
export function expectValidCard(card: unknown): void {
  expect(cardProblems(card)).toEqual([]);
}
