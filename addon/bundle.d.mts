/** Bundles add-on TypeScript into one Apps Script file whose exports are top-level functions. */
export function bundleScript(
  entry: string | { readonly contents: string },
): Promise<{ readonly script: string; readonly names: string[] }>;
