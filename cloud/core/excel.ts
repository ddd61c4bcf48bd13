import type ExcelJS from 'exceljs';

/** exceljs is loaded on first use, so the rest of the API (and test environments) never pay for it. */
export const loadExcel = async (): Promise<typeof ExcelJS> => ((await import('exceljs')) as any).default ?? (await import('exceljs'));
