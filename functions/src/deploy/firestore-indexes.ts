// Reads firestore.indexes.json (the file the emulator and the code's queries are tested against)
// and turns each composite index into the gcloud arguments that create it, so the deploy never
// keeps a second copy of the indexes.
import { z } from 'zod';
import type { Problem } from '../domain/errors';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';

const fieldSchema = z.union([
  z.strictObject({ fieldPath: z.string().min(1), order: z.enum(['ASCENDING', 'DESCENDING']) }),
  z.strictObject({ fieldPath: z.string().min(1), arrayConfig: z.literal('CONTAINS') }),
]);

const indexSchema = z.strictObject({
  collectionGroup: z.string().min(1),
  queryScope: z.enum(['COLLECTION', 'COLLECTION_GROUP']),
  fields: z.array(fieldSchema).min(2),
});

const indexesFileSchema = z.strictObject({
  indexes: z.array(indexSchema),
  // Single-field overrides would need `gcloud firestore indexes fields update`; none exist yet.
  fieldOverrides: z.array(z.unknown()).max(0, 'are not deployed by npm run deploy yet; add them to plan.ts'),
});

export type CompositeIndex = z.output<typeof indexSchema>;

export function parseIndexes(
  raw: unknown,
): { readonly indexes: readonly CompositeIndex[] } | { readonly problems: Problem[] } {
  const parsed = indexesFileSchema.safeParse(raw, { error: problemMessages });
  if (!parsed.success) return { problems: toProblems(parsed.error) };
  return { indexes: parsed.data.indexes };
}

/** The arguments after `gcloud firestore indexes composite create` for one index. */
export function indexArgs(index: CompositeIndex): string[] {
  const fields = index.fields.map((field) =>
    'order' in field
      ? `--field-config=field-path=${field.fieldPath},order=${field.order.toLowerCase()}`
      : `--field-config=field-path=${field.fieldPath},array-config=${field.arrayConfig.toLowerCase()}`,
  );
  return [
    `--collection-group=${index.collectionGroup}`,
    `--query-scope=${index.queryScope === 'COLLECTION' ? 'collection' : 'collection-group'}`,
    ...fields,
  ];
}
