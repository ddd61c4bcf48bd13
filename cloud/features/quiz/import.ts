import type ExcelJS from 'exceljs';
import { loadExcel } from '../../core/excel';
import { Readable } from 'node:stream';
import type { QuestionType } from '../../contracts/quiz-rules';

/** Columns of the bank template (.xlsx and .csv alike). */
export const TEMPLATE_HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '答案', '解析'];
const TEMPLATE_EXAMPLES = [
  ['单选', '每年的世界人口日是哪一天？', '5月29日', '12月1日', '7月11日', '9月1日', '', 'C', '7月11日是世界人口日。'],
  ['多选', '孕前保健包括哪些做法？', '孕前3个月起补充叶酸', '戒烟戒酒', '自行服用药物', '做孕前健康检查', '', 'ABD', '用药应遵医嘱。'],
  ['判断', '5月29日是计生协会员活动日。', '', '', '', '', '', '正确', '“5·29 会员活动日”是面向会员的重要节点。'],
];
const TYPES: Record<string, QuestionType> = { 单选: 'single', 单选题: 'single', 多选: 'multiple', 多选题: 'multiple', 判断: 'judge', 判断题: 'judge' };
const LETTERS = 'ABCDE';
export const MAX_IMPORT_ROWS = 500;

export interface ParsedQuestion {
  type: QuestionType;
  stem: string;
  options: string[];
  answer: number[];
  explanation: string;
}

export async function templateFile(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(TEMPLATE_HEADER);
  TEMPLATE_EXAMPLES.forEach((r) => ws.addRow(r));
  ws.columns.forEach((c, i) => (c.width = i === 1 || i === 8 ? 40 : 16));
  if (format === 'csv') return Buffer.concat([Buffer.from('\ufeff'), Buffer.from(await wb.csv.writeBuffer())]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString();
  }
  return String(v);
};

/** Reads the rows of an .xlsx or .csv bank file; throws a readable message when the file itself is unusable. */
export async function readRows(fileName: string, bytes: Buffer): Promise<string[][]> {
  const wb = new (await loadExcel()).Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  try {
    if (/\.csv$/i.test(fileName)) {
      const text = bytes.toString('utf8').replace(/^\ufeff/, '');
      ws = await wb.csv.read(Readable.from([text]));
    } else {
      await wb.xlsx.load(bytes as any);
      ws = wb.worksheets[0];
    }
  } catch {
    throw new Error('文件无法读取，请使用下载的模板（.xlsx 或 UTF-8 编码的 .csv）');
  }
  if (!ws) throw new Error('文件里没有工作表');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: string[] = [];
    for (let c = 1; c <= TEMPLATE_HEADER.length; c++) values.push(cellText(row.getCell(c).value).trim());
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Validates one row (without the header); returns the question or the reason it fails. */
export function parseRow(cells: string[]): ParsedQuestion | string {
  const [typeText, stem, a, b, c, d, e, answerText, explanation] = cells.map((x) => (x ?? '').trim());
  const type = TYPES[typeText];
  if (!type) return `题型“${typeText || '空'}”无效，应为 单选 / 多选 / 判断`;
  if (!stem) return '题干为空';
  if (stem.length > 300) return '题干超过 300 字';
  if (!explanation) return '缺少解析';
  if (explanation.length > 500) return '解析超过 500 字';
  if (type === 'judge') {
    const map: Record<string, number> = { 正确: 0, 对: 0, A: 0, '√': 0, 错误: 1, 错: 1, B: 1, '×': 1 };
    const ans = map[answerText.toUpperCase()];
    if (ans === undefined) return `判断题答案应为“正确”或“错误”，而不是“${answerText || '空'}”`;
    return { type, stem, options: ['正确', '错误'], answer: [ans], explanation };
  }
  const raw = [a, b, c, d, e];
  const lastFilled = raw.reduce((n, x, i) => (x ? i + 1 : n), 0);
  const options = raw.slice(0, lastFilled);
  if (options.some((x) => !x)) return '选项中间不能留空';
  if (options.length < (type === 'multiple' ? 3 : 2)) return type === 'multiple' ? '多选题至少需要 3 个选项' : '单选题至少需要 2 个选项';
  if (options.some((x) => x.length > 100)) return '选项超过 100 字';
  if (new Set(options).size !== options.length) return '选项有重复';
  const letters = answerText.toUpperCase().replace(/[\s,，、]/g, '');
  if (!letters || !/^[A-E]+$/.test(letters)) return `答案“${answerText || '空'}”无效，请用选项字母，如 B 或 ACD`;
  const answer = [...new Set([...letters].map((l) => LETTERS.indexOf(l)))].sort((x, y) => x - y);
  if (answer.some((i) => i >= options.length)) return `答案“${letters}”指向了不存在的选项`;
  if (type === 'single' && answer.length !== 1) return '单选题只能有一个答案';
  if (type === 'multiple' && answer.length < 2) return '多选题至少要有两个正确答案';
  if (type === 'multiple' && answer.length === options.length) return '多选题至少要有一个错误选项';
  return { type, stem, options, answer, explanation };
}

export async function parseBankFile(fileName: string, bytes: Buffer) {
  const rows = await readRows(fileName, bytes);
  const header = rows[0] ?? [];
  if (header[0] !== '题型' || header[1] !== '题干') throw new Error('第 1 行应为模板的表头（题型、题干、选项A…），请使用下载的模板');
  const ok: ParsedQuestion[] = [];
  const failed: { row: number; reason: string }[] = [];
  const body = rows.slice(1);
  if (body.length > MAX_IMPORT_ROWS) throw new Error(`一次最多导入 ${MAX_IMPORT_ROWS} 题`);
  body.forEach((cells, i) => {
    if (!cells.some((x) => x)) return; // blank line
    const r = parseRow(cells);
    if (typeof r === 'string') failed.push({ row: i + 2, reason: r });
    else ok.push(r);
  });
  return { ok, failed };
}
