import { ApiError, NetworkError } from '../api/client';
import { fill, type Messages } from './locales/zh';

/**
 * What a form calls the fields it sends: 'buyer.phone' → '买家手机'. A `*` stands for a list
 * index, so 'items.*.quantity' → '数量' names 'items.0.quantity' as 第 1 行数量; a label with
 * `{n}` places the row number itself ('SKU {n} 货号').
 */
export type FieldLabels = Record<string, string>;

interface Detail {
  path: string;
  message: string;
}

const isIndex = (part: string) => /^\d+$/.test(part);

/** The label of a field path with its row number, or undefined when the form does not know the path. */
export function fieldLabel(path: string, labels: FieldLabels, t: Messages): string | undefined {
  const parts = path.split('.');
  const label = labels[parts.map((part) => (isIndex(part) ? '*' : part)).join('.')];
  const index = parts.find(isIndex);
  if (label === undefined || index === undefined) return label;
  const n = Number(index) + 1;
  return label.includes('{n}') ? fill(label, { n }) : fill(t.validation.rowField, { n, label });
}

type Words = Messages['validation'];

/** A size limit of the too_big / too_small messages: "数值过大：期望 number <=100000", "数值过小：期望 string >=1 字符". */
function sizeWords([, bigOrSmall, origin, op, limit, unit]: RegExpExecArray, v: Words): string {
  const big = bigOrSmall === '大';
  const inclusive = op!.endsWith('=');
  const n = Number(limit);
  if (origin === 'string' || unit === '项') {
    const count = inclusive ? n : big ? n - 1 : n + 1;
    if (!big && count <= 1 && origin === 'string') return v.required;
    const template = origin === 'string' ? (big ? v.maxLength : v.minLength) : big ? v.maxItems : v.minItems;
    return fill(template, { n: count });
  }
  const template = big ? (inclusive ? v.maxNumber : v.belowNumber) : inclusive ? v.minNumber : v.aboveNumber;
  return fill(template, { n: limit! });
}

/** "无效输入：期望 int，实际接收 数字": what was expected, or that nothing came. */
function typeWords([, expected, received]: RegExpExecArray, v: Words): string {
  if (received === 'undefined' || received === '空值(null)') return v.required;
  if (expected === 'int') return v.integer;
  if (expected === '数字' || expected === 'number') return v.number;
  return v.format;
}

/**
 * The server validates with zod in its zh-CN locale, whose messages name types in English
 * ("期望 number <=100000"). These patterns follow zod 4's zh-CN locale; a message none of them
 * matches (the server's own, written for people: "至少一件商品") is shown as it is.
 */
const ZOD_MESSAGES: [RegExp, (match: RegExpExecArray, v: Words) => string][] = [
  [/^数值过(大|小)：期望 (\S+) ([<>]=?)(-?[\d.]+)(?: (\S+))?$/, sizeWords],
  [/^无效输入：期望 (.+)，实际接收 (.+)$/, typeWords],
  [/^无效(?:选项|输入)：期望/, (_, v) => v.choice],
  [/^无效数字：必须是 (\S+) 的倍数$/, ([, n], v) => fill(v.multipleOf, { n: n! })],
  [/^出现未知的键/, (_, v) => v.unknownFields],
  [/^无效|中的键\(key\)无效$|中包含无效值\(value\)$/, (_, v) => v.format],
];

/** One validation message in plain words: "数值过大：期望 number <=100000" → "不能超过 100000". */
export function validationWords(message: string, t: Messages): string {
  for (const [pattern, words] of ZOD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return words(match, t.validation);
  }
  return message;
}

/** A validation detail as a sentence naming the field: "第 1 行数量不能超过 100000"; undefined when the path is unknown. */
function namedSentence(detail: Detail, labels: FieldLabels, t: Messages): string | undefined {
  const label = fieldLabel(detail.path, labels, t);
  return label === undefined ? undefined : fill(t.validation.field, { label, text: validationWords(detail.message, t) });
}

/** The server's validation details as sentences; fields the form does not know are described without their path. */
function validationText(details: Detail[], labels: FieldLabels, t: Messages): string {
  const named: string[] = [];
  const unnamed: string[] = [];
  for (const detail of details) {
    const sentence = namedSentence(detail, labels, t);
    if (sentence === undefined) unnamed.push(validationWords(detail.message, t));
    else named.push(sentence);
  }
  const rest = unnamed.length ? [fill(t.validation.unnamed, { text: [...new Set(unnamed)].join('；') })] : [];
  return [...new Set(named), ...rest].join('；');
}

/**
 * What went wrong, for the person at the screen: the server's message (validation details in words,
 * with the form's labels), 无法连接服务器 when no answer came, the HTTP status of a reply without a body.
 */
export function errorText(err: unknown, t: Messages, labels: FieldLabels = {}): string {
  if (err instanceof NetworkError) return t.errors.unreachable;
  if (!(err instanceof ApiError)) return t.errors.unexpected;
  if (!err.message) return fill(t.errors.httpStatus, { status: err.status });
  if (err.code === 'validation_error' && err.details.length) return validationText(err.details, labels, t);
  return err.message;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * The words to show on each field the server's details name. Outside validation a detail's message
 * is often a code (a constraint, a state), so only one written for people is used, else the overall message.
 */
export function fieldErrors(err: ApiError, t: Messages, labels: FieldLabels = {}): Detail[] {
  return err.details.map((detail) => ({
    path: detail.path,
    message:
      err.code === 'validation_error'
        ? (namedSentence(detail, labels, t) ?? validationWords(detail.message, t))
        : HAS_CHINESE.test(detail.message)
          ? detail.message
          : errorText(err, t),
  }));
}
