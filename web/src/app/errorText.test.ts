import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/client';
import { errorText, fieldErrors, fieldLabel, validationWords } from './errorText';
import { en } from './locales/en';
import { zh as t } from './locales/zh';

/** A 400 as the server's errorHandler builds it from zod's zh-CN issues. */
function validationError(...details: { path: string; message: string }[]) {
  const listed = details.map((d) => `${d.path} ${d.message}`).join('；');
  return new ApiError(400, 'validation_error', `请求内容有误：${listed}`, details);
}

const orderLabels = { 'items.*.quantity': '数量', 'items.*.skuCode': '商品', 'buyer.phone': '买家手机', shopCode: '店铺' };

describe('validationWords', () => {
  // the messages as the server sends them (zod 4, zh-CN locale)
  it.each([
    ['数值过大：期望 number <=100000', '不能超过 100000'],
    ['数值过大：期望 number <100', '应小于 100'],
    ['数值过小：期望 number >=1', '不能小于 1'],
    ['数值过小：期望 number >0', '应大于 0'],
    ['数值过大：期望 string <=64 字符', '不能超过 64 个字'],
    ['数值过小：期望 string >=1 字符', '必须填写'],
    ['数值过小：期望 string >=8 字符', '至少 8 个字'],
    ['数值过大：期望 array <=200 项', '最多 200 项'],
    ['数值过小：期望 array >=1 项', '至少 1 项'],
    ['无效输入：期望 string，实际接收 undefined', '必须填写'],
    ['无效输入：期望 int，实际接收 数字', '应为整数'],
    ['无效输入：期望 数字，实际接收 string', '应为数字'],
    ['无效选项：期望以下之一 "alipay"|"wechat"', '不是可选的值'],
    ['无效输入：期望 "manual"', '不是可选的值'],
    ['无效字符串：必须满足正则表达式 /^1\\d{10}$/', '格式不正确'],
    ['无效ISO日期时间', '格式不正确'],
    ['出现未知的键(key): foo, bar', '含有无法识别的内容'],
  ])('%s → %s', (message, words) => {
    expect(validationWords(message, t)).toBe(words);
  });

  it('keeps a message the server wrote for people', () => {
    expect(validationWords('至少一件商品', t)).toBe('至少一件商品');
    expect(validationWords('调整数量不能为 0', t)).toBe('调整数量不能为 0');
  });
});

describe('fieldLabel', () => {
  it('names a list field by its row, counting from 1', () => {
    expect(fieldLabel('items.0.quantity', orderLabels, t)).toBe('第 1 行数量');
    expect(fieldLabel('items.11.skuCode', orderLabels, t)).toBe('第 12 行商品');
    expect(fieldLabel('buyer.phone', orderLabels, t)).toBe('买家手机');
  });

  it('lets a label place the row number itself', () => {
    expect(fieldLabel('skus.1.code', { 'skus.*.code': 'SKU {n} 货号' }, t)).toBe('SKU 2 货号');
  });

  it('knows only the paths the form names', () => {
    expect(fieldLabel('items.0.unitPrice', orderLabels, t)).toBeUndefined();
    expect(fieldLabel('', orderLabels, t)).toBeUndefined();
  });
});

describe('errorText', () => {
  it('turns validation details into sentences with the form’s labels', () => {
    expect(errorText(validationError({ path: 'items.0.quantity', message: '数值过大：期望 number <=100000' }), t, orderLabels)).toBe('第 1 行数量不能超过 100000');
    const two = validationError(
      { path: 'shopCode', message: '无效输入：期望 string，实际接收 undefined' },
      { path: 'items.2.quantity', message: '无效输入：期望 int，实际接收 数字' },
    );
    expect(errorText(two, t, orderLabels)).toBe('店铺必须填写；第 3 行数量应为整数');
  });

  it('describes a field the form does not know without its raw path', () => {
    const text = errorText(validationError({ path: 'items.0.unitPrice', message: '数值过大：期望 number <=2000000000' }), t, orderLabels);
    expect(text).toBe('填写的内容有误：不能超过 2000000000');
    expect(errorText(validationError({ path: 'payment.amount', message: '数值过小：期望 number >=1' }), t)).not.toContain('payment');
  });

  it('shows the server’s own message for every other error', () => {
    expect(errorText(new ApiError(500, 'internal_error', '服务器内部错误，请联系管理员'), t)).toBe('服务器内部错误，请联系管理员');
    expect(errorText(new ApiError(409, 'insufficient_stock', '商品 MUG-001 库存不足（需要 999，可用 20）', [{ path: 'items.0.skuCode', message: 'MUG-001' }]), t)).toBe('商品 MUG-001 库存不足（需要 999，可用 20）');
  });

  it('says the server could not be reached, or gives the status of a reply without a body', () => {
    expect(errorText(new NetworkError(new TypeError('Failed to fetch')), t)).toBe('无法连接服务器，请检查网络后重试');
    expect(errorText(new ApiError(502, 'http_error', ''), t)).toBe('服务器返回错误（HTTP 502）');
    expect(errorText(new TypeError('x is undefined'), t)).toBe(t.errors.unexpected);
  });

  it('words the same details in English', () => {
    const err = validationError({ path: 'items.0.quantity', message: '数值过大：期望 number <=100000' });
    expect(errorText(err, en, { 'items.*.quantity': 'Quantity' })).toBe('Quantity (row 1) must not exceed 100000');
  });
});

describe('fieldErrors', () => {
  it('gives each named field its sentence', () => {
    const err = validationError({ path: 'items.0.quantity', message: '数值过大：期望 number <=100000' });
    expect(fieldErrors(err, t, orderLabels)).toEqual([{ path: 'items.0.quantity', message: '第 1 行数量不能超过 100000' }]);
  });

  it('uses a detail outside validation only when it is written for people', () => {
    const stock = new ApiError(409, 'insufficient_stock', '商品 MUG-001 库存不足（需要 999，可用 20）', [{ path: 'items.0.skuCode', message: 'MUG-001' }]);
    expect(fieldErrors(stock, t)).toEqual([{ path: 'items.0.skuCode', message: '商品 MUG-001 库存不足（需要 999，可用 20）' }]);
    const taken = new ApiError(409, 'username_taken', '用户名 xiaocai 已存在', [{ path: 'username', message: 'taken' }]);
    expect(fieldErrors(taken, t)).toEqual([{ path: 'username', message: '用户名 xiaocai 已存在' }]);
  });
});
