import type ExcelJS from 'exceljs';

/** exceljs is loaded on first use, so the rest of the API (and test environments) never pay for it. */
export const loadExcel = async (): Promise<typeof ExcelJS> => ((await import('exceljs')) as any).default ?? (await import('exceljs'));

/** A finished workbook as the base64 an export action answers with (the admin's client saves it with saveFile). */
export const workbookBase64 = async (wb: ExcelJS.Workbook): Promise<string> => Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

export type Cell = string | number | null | undefined;

/** A column of a one-sheet export: its header and width (in characters). */
export interface SheetColumn {
  header: string;
  width?: number;
}

/** One sheet of an export. Without columns it has no header row (a label/value sheet, say). */
export interface Sheet {
  name: string;
  columns?: SheetColumn[];
  rows: Cell[][];
}

/**
 * A workbook of these sheets, in order, each header row in bold, as base64. Each row lists its cells in
 * column order; null and undefined are written as empty cells.
 */
export async function sheetsBase64(sheets: Sheet[]): Promise<string> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '会员之家';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    if (sheet.columns) ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
    for (const row of sheet.rows) ws.addRow(row.map((v) => v ?? ''));
    if (sheet.columns) ws.getRow(1).font = { bold: true };
  }
  return workbookBase64(wb);
}

/** A workbook of one sheet, header row in bold, as base64: the shape most exports need. */
export const sheetBase64 = (sheetName: string, columns: SheetColumn[], rows: Cell[][]): Promise<string> => sheetsBase64([{ name: sheetName, columns, rows }]);
