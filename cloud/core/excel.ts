import type ExcelJS from 'exceljs';

/** exceljs is loaded on first use, so the rest of the API (and test environments) never pay for it. */
export const loadExcel = async (): Promise<typeof ExcelJS> => ((await import('exceljs')) as any).default ?? (await import('exceljs'));

/** A finished workbook as the base64 an export action answers with (the admin's client saves it with saveFile). */
export const workbookBase64 = async (wb: ExcelJS.Workbook): Promise<string> => Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
