// Which attachment names and declared types can carry code.
import {
  archiveKind,
  isTnef,
  nameRisk,
  riskyName,
  riskyType,
  typeRisk,
} from '../../../functions/src/domain/intake/attachment-risk';

describe('risky file names', () => {
  test.each([
    ['setup.exe', 'executable'],
    ['SETUP.EXE', 'executable'],
    ['screensaver.scr', 'executable'],
    ['update.bat', 'executable'],
    ['Invoke-Report.ps1', 'executable'],
    ['letter.vbs', 'executable'],
    ['invoice.js', 'executable'],
    ['shortcut.lnk', 'executable'],
    ['installer.msi', 'executable'],
    ['viewer.jar', 'executable'],
    ['settings.reg', 'executable'],
    ['app.hta', 'executable'],
    ['disk.iso', 'executable'],
    ['disk.img', 'executable'],
    ['disk.vhd', 'executable'],
    ['notes.one', 'executable'],
    ['install.sh', 'executable'],
    ['tool.py', 'executable'],
    ['app.apk', 'executable'],
    ['folder/inside.vbs', 'executable'],
    ['folder\\inside.cmd', 'executable'],
    ['run.exe. ', 'executable'],
    ['run.exe...', 'executable'],
    ['report.docm', 'macro-enabled'],
    ['budget.XLSM', 'macro-enabled'],
    ['template.dotm', 'macro-enabled'],
    ['addin.xlam', 'macro-enabled'],
    ['slides.pptm', 'macro-enabled'],
    ['show.ppsm', 'macro-enabled'],
    ['report.pdf.exe', 'disguised'],
    ['Report.PDF .exe', 'disguised'],
    ['report.docx.js', 'disguised'],
    ['photo.jpg.scr', 'disguised'],
    ['report\u202Efdp.exe', 'disguised'],
    ['report\u202Excod.pdf', 'disguised'],
  ])('%j is risky: %s', (name, risk) => {
    expect(nameRisk(name)).toBe(risk);
    expect(riskyName(name)).toBe(true);
  });

  test.each([
    'report.pdf',
    'Report.DOCX',
    'report.doc',
    'minutes.odt',
    'figures.xlsx',
    'scan.jpeg',
    'diagram.svg',
    'page.html',
    'archive.zip',
    'Report.exe.pdf',
    'no-extension',
    'exe',
    '.bashrc',
    'my.exe.report.docx',
    'CPC-7F3K Health Visiting Report.docx',
    '',
  ])('%j is not risky by its name', (name) => {
    expect(nameRisk(name)).toBeNull();
    expect(riskyName(name)).toBe(false);
  });
});

describe('risky declared types', () => {
  test.each([
    ['application/x-msdownload', 'executable'],
    ['Application/X-MSDownload; name="setup.exe"', 'executable'],
    ['application/x-dosexec', 'executable'],
    ['application/vnd.microsoft.portable-executable', 'executable'],
    ['application/x-sh', 'executable'],
    ['text/javascript', 'executable'],
    ['application/javascript', 'executable'],
    ['text/vbscript', 'executable'],
    ['application/java-archive', 'executable'],
    ['application/x-iso9660-image', 'executable'],
    ['application/vnd.ms-word.document.macroEnabled.12', 'macro-enabled'],
    ['application/vnd.ms-excel.sheet.macroenabled.12', 'macro-enabled'],
    ['application/vnd.ms-excel.addin.macroEnabled.12', 'macro-enabled'],
    ['application/vnd.ms-powerpoint.presentation.macroEnabled.12', 'macro-enabled'],
  ])('%j is risky: %s', (type, risk) => {
    expect(typeRisk(type)).toBe(risk);
    expect(riskyType(type)).toBe(true);
  });

  test.each([
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/msword',
    'application/octet-stream',
    'text/plain',
    'text/html',
    'image/png',
    'application/zip',
    '',
  ])('%j is not risky by its type', (type) => {
    expect(typeRisk(type)).toBeNull();
    expect(riskyType(type)).toBe(false);
  });
});

describe('archives', () => {
  test.each([
    ['reports.zip', '', 'zip'],
    ['REPORTS.ZIP', 'application/octet-stream', 'zip'],
    [null, 'application/zip', 'zip'],
    [null, 'application/x-zip-compressed', 'zip'],
    ['reports.7z', '', 'uninspectable'],
    ['reports.rar', '', 'uninspectable'],
    ['reports.tar.gz', '', 'uninspectable'],
    ['reports.cab', '', 'uninspectable'],
    [null, 'application/x-7z-compressed', 'uninspectable'],
    [null, 'application/vnd.rar', 'uninspectable'],
    ['report.pdf', 'application/pdf', null],
    // An Office document is a ZIP inside, but it is not an archive of files the sender chose.
    ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', null],
    [null, '', null],
  ])('%j declared %j is %s', (name, type, kind) => {
    expect(archiveKind(name, type)).toBe(kind);
  });
});

describe("Outlook's winmail.dat", () => {
  test.each([
    ['winmail.dat', 'application/octet-stream', true],
    ['WINMAIL.DAT', '', true],
    [null, 'application/ms-tnef', true],
    [null, 'Application/MS-TNEF; name="winmail.dat"', true],
    ['attachment.dat', 'application/vnd.ms-tnef', true],
    ['report.pdf', 'application/pdf', false],
    [null, 'application/octet-stream', false],
  ])('%j declared %j is TNEF: %s', (name, type, expected) => {
    expect(isTnef(name, type)).toBe(expected);
  });
});
