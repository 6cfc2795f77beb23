// Which attachment names and declared types can carry code, so a report that arrives as one is
// held for a person to look at instead of being filed for a conference. Names and types are the
// sender's claims; the byte inspector checks what the file really is.

/** Why a name is risky: it runs as a program or script, it holds Office macros, or it pretends to be a document. */
export type NameRisk = 'executable' | 'macro-enabled' | 'disguised';

// Programs, scripts, installers, shortcuts and disk images that Windows, macOS, Linux or Android
// run or mount on a double click. Based on the types Gmail and Microsoft 365 block by default,
// plus shell and Python scripts, OneNote files (used to deliver malware since 2023) and Java
// classes. HTML and SVG are left out by name (a report saved as a web page is an ordinary
// report, and Office documents carry SVG images): their bytes are scanned for script and other
// active content instead (adapters/mail/active-content.ts).
// prettier-ignore
const EXECUTABLE_EXTENSIONS = new Set([
  // Windows programs and libraries
  'exe', 'ex_', 'dll', 'scr', 'com', 'pif', 'cpl', 'sys', 'drv', 'ocx', 'xll', 'lib', 'vxd',
  // Windows scripts and script hosts
  'bat', 'cmd', 'ps1', 'psm1', 'psd1', 'ps1xml', 'psc1', 'vb', 'vbs', 'vbe', 'js', 'jse', 'mjs',
  'wsf', 'wsh', 'wsc', 'sct', 'hta', 'msh', 'msh1', 'msh2', 'mshxml', 'scf', 'shb', 'shs', 'inf',
  'ins', 'isp', 'reg', 'chm', 'hlp', 'gadget',
  // installers and packages
  'msi', 'msp', 'mst', 'msix', 'msixbundle', 'appx', 'appxbundle', 'application', 'appref-ms',
  'xbap', 'diagcab', 'diagcfg', 'diagpack', 'nsh', 'apk', 'app', 'dmg', 'pkg', 'deb', 'rpm',
  // shortcuts and settings files that launch something else
  'lnk', 'url', 'webloc', 'settingcontent-ms', 'library-ms', 'search-ms', 'msc', 'jnlp',
  // Access databases and projects (they run VBA on opening)
  'ade', 'adp', 'mde', 'mda', 'accde',
  // disk images, which Windows mounts and which hide their contents from mail filters
  'iso', 'img', 'vhd', 'vhdx',
  // Java
  'jar', 'class',
  // Unix shells and interpreted languages
  'sh', 'bash', 'zsh', 'csh', 'ksh', 'command', 'py', 'pyw', 'pyc', 'pl', 'rb', 'php',
  // OneNote
  'one', 'onepkg',
]);

// Office formats whose whole point is a VBA project, and the legacy add-in formats.
// prettier-ignore
const MACRO_EXTENSIONS = new Set([
  'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm', 'xla', 'xlm', 'ppa',
]);

// What people expect to open safely: the extensions a program's name hides behind in
// "report.pdf.exe", where Windows' default of hiding known extensions shows "report.pdf".
// prettier-ignore
const DOCUMENT_EXTENSIONS = new Set([
  'pdf', 'doc', 'docx', 'odt', 'rtf', 'txt', 'xls', 'xlsx', 'ods', 'csv', 'ppt', 'pptx', 'odp',
  'jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'heic', 'mp3', 'mp4', 'wav', 'zip', 'eml', 'msg',
]);

// Right-to-left and isolate overrides: "report\u202Efdp.exe" displays as "reportexe.pdf".
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** The risk a file name carries, or null when it looks like an ordinary document. */
export function nameRisk(filename: string): NameRisk | null {
  if (BIDI_CONTROLS.test(filename)) return 'disguised';
  const extensions = extensionsOf(filename);
  const last = extensions.at(-1);
  if (last === undefined) return null;
  if (EXECUTABLE_EXTENSIONS.has(last)) {
    const before = extensions.at(-2);
    return before !== undefined && DOCUMENT_EXTENSIONS.has(before) ? 'disguised' : 'executable';
  }
  if (MACRO_EXTENSIONS.has(last)) return 'macro-enabled';
  return null;
}

export function riskyName(filename: string): boolean {
  return nameRisk(filename) !== null;
}

/**
 * The file name's extensions, lower-cased, outermost last: "Report.PDF .exe" → ["pdf", "exe"].
 * Windows ignores trailing dots and spaces ("run.exe. " runs), and the padding between the parts
 * of a double extension, so both are dropped before reading them.
 */
function extensionsOf(filename: string): string[] {
  const base = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
  const name = base.replace(/[\s.]+$/u, '').toLowerCase();
  const parts = name.split('.').map((part) => part.trim());
  return parts.slice(1).filter((part) => part !== '');
}

// MIME types that declare a program or script. Senders' clients mostly derive the type from the
// name, so this catches what the name check catches, plus a name-less part declared as code.
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-dosexec',
  'application/x-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/vnd.microsoft.portable-executable',
  'application/x-ms-installer',
  'application/x-msi',
  'application/x-ms-shortcut',
  'application/x-ms-application',
  'application/x-bat',
  'application/x-msdos-batch',
  'application/x-sh',
  'application/x-shellscript',
  'text/x-shellscript',
  'application/x-csh',
  'application/javascript',
  'application/x-javascript',
  'text/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'text/vbscript',
  'application/x-vbscript',
  'application/hta',
  'application/x-powershell',
  'text/x-python',
  'application/x-python-code',
  'application/java-archive',
  'application/x-java-archive',
  'application/x-java-applet',
  'application/x-java-jnlp-file',
  'application/vnd.android.package-archive',
  'application/x-iso9660-image',
  'application/x-apple-diskimage',
  'application/x-ms-wim',
  'application/onenote',
]);

/** Why a declared type is risky, or null. */
export function typeRisk(contentType: string): Exclude<NameRisk, 'disguised'> | null {
  const type = essence(contentType);
  if (EXECUTABLE_TYPES.has(type)) return 'executable';
  // Every Office macro-enabled type says so: application/vnd.ms-word.document.macroEnabled.12, …
  if (type.startsWith('application/vnd.ms-') && type.includes('macroenabled')) return 'macro-enabled';
  return null;
}

export function riskyType(contentType: string): boolean {
  return typeRisk(contentType) !== null;
}

/**
 * ZIP is the one archive the service can look inside (entry names and flags are stored in the
 * clear); any other archive can hide anything, so it is reported as uninspectable.
 */
export type ArchiveKind = 'zip' | 'uninspectable';

const ZIP_EXTENSIONS = new Set(['zip', 'zipx']);
// prettier-ignore
const OTHER_ARCHIVE_EXTENSIONS = new Set([
  '7z', 'rar', 'tar', 'gz', 'tgz', 'bz2', 'tbz2', 'xz', 'txz', 'z', 'lz', 'lzh', 'lha', 'zst',
  'cab', 'ace', 'arj', 'arc', 'sit', 'sitx', 'zoo', 'uue', 'xxe',
]);
const ZIP_TYPES = new Set(['application/zip', 'application/x-zip', 'application/x-zip-compressed']);
const OTHER_ARCHIVE_TYPES = new Set([
  'application/x-7z-compressed',
  'application/vnd.rar',
  'application/x-rar',
  'application/x-rar-compressed',
  'application/x-tar',
  'application/gzip',
  'application/x-gzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
  'application/vnd.ms-cab-compressed',
  'application/x-ace-compressed',
  'application/x-arj',
  'application/x-lzh-compressed',
  'application/x-stuffit',
]);

/** Whether a name (or, failing that, a declared type) is an archive, and whether it can be looked into. */
export function archiveKind(filename: string | null, contentType = ''): ArchiveKind | null {
  const last = filename === null ? undefined : extensionsOf(filename).at(-1);
  if (last !== undefined && ZIP_EXTENSIONS.has(last)) return 'zip';
  if (last !== undefined && OTHER_ARCHIVE_EXTENSIONS.has(last)) return 'uninspectable';
  const type = essence(contentType);
  if (ZIP_TYPES.has(type)) return 'zip';
  if (OTHER_ARCHIVE_TYPES.has(type)) return 'uninspectable';
  return null;
}

// Markup a browser, a preview pane or an XML reader acts on: it can carry script, event handlers
// and external entities, which the byte inspector looks for.
const MARKUP_EXTENSIONS = new Set([
  'htm',
  'html',
  'xhtml',
  'shtml',
  'mht',
  'mhtml',
  'svg',
  'xml',
  'xsl',
  'xslt',
]);
const MARKUP_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'application/xslt+xml',
  'multipart/related',
  'message/rfc822+mhtml',
  'application/x-mimearchive',
]);
// What a person opens expecting a document or a picture: markup behind one of these is disguised.
// Plain text and CSV are left out: opened as text, markup in them is only characters.
// prettier-ignore
const DOCUMENT_LIKE_EXTENSIONS = new Set([
  'pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp',
  'jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'heic', 'webp',
]);

/** Whether the name or declared type says the file is HTML, SVG or XML. */
export function declaresMarkup(filename: string | null, contentType: string): boolean {
  const last = filename === null ? undefined : extensionsOf(filename).at(-1);
  const type = essence(contentType);
  return (
    (last !== undefined && MARKUP_EXTENSIONS.has(last)) || MARKUP_TYPES.has(type) || type.endsWith('+xml')
  );
}

/** Whether the name or declared type says the file is a PDF. */
export function declaresPdf(filename: string | null, contentType: string): boolean {
  return (
    essence(contentType) === 'application/pdf' ||
    (filename !== null && extensionsOf(filename).at(-1) === 'pdf')
  );
}

/** Whether the name or declared type promises a document or a picture (not markup, not text). */
export function claimsDocument(filename: string | null, contentType: string): boolean {
  const last = filename === null ? undefined : extensionsOf(filename).at(-1);
  if (last !== undefined) return DOCUMENT_LIKE_EXTENSIONS.has(last);
  const type = essence(contentType);
  return (
    (type === 'application/pdf' ||
      type.startsWith('image/') ||
      type === 'application/msword' ||
      type.startsWith('application/vnd.openxmlformats-officedocument.') ||
      type.startsWith('application/vnd.oasis.opendocument.')) &&
    !type.endsWith('+xml')
  );
}

/** An email file: an attached message the service opens to check what it carries. */
export function emailFileKind(filename: string | null, contentType: string): 'mime' | 'outlook' | null {
  const type = essence(contentType);
  const last = filename === null ? undefined : extensionsOf(filename).at(-1);
  if (type === 'message/rfc822' || type === 'message/global' || last === 'eml') return 'mime';
  if (type === 'application/vnd.ms-outlook' || last === 'msg') return 'outlook';
  return null;
}

/** Outlook's rich-text wrapper: the real attachments are inside winmail.dat, out of sight. */
export function isTnef(filename: string | null, contentType: string): boolean {
  const type = essence(contentType);
  return (
    type === 'application/ms-tnef' ||
    type === 'application/vnd.ms-tnef' ||
    filename?.trim().toLowerCase() === 'winmail.dat'
  );
}

/** "Application/ZIP; name=a.zip" → "application/zip". */
function essence(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}
