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

/**
 * A workbook of one sheet, header row in bold, as base64: the shape most exports need. Each row lists its
 * cells in column order; null and undefined are written as empty cells.
 */
export async function sheetBase64(sheetName: string, columns: SheetColumn[], rows: Cell[][]): Promise<string> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '会员之家';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
  for (const row of rows) ws.addRow(row.map((v) => v ?? ''));
  ws.getRow(1).font = { bold: true };
  return workbookBase64(wb);
}
