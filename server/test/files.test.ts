import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, multipartFile, PNG_1PX, uploadFile } from './factories';

let t: TestApp;
let cs: Client;
let packer: Client;
let operations: Client;

beforeAll(async () => {
  t = await createTestApp();
  cs = await t.signIn(['cs_aftersale']);
  packer = await t.signIn(['warehouse']);
  operations = await t.signIn(['operations']);
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('evidence files', () => {
  it('keeps an image or a PDF as sent, typed by its content, and gives it back to anyone who sees cases', async () => {
    const photo = expectStatus(await uploadFile(cs, '../../买家/破损照片.png', PNG_1PX, 'application/octet-stream'), 201);
    expect(photo).toEqual({ id: expect.any(Number), name: '破损照片.png', contentType: 'image/png', size: PNG_1PX.length });
    const pdf = expectStatus(await uploadFile(packer, '签收单.pdf', PDF, 'image/jpeg'), 201);
    expect(pdf.contentType).toBe('application/pdf');

    const back = await t.app.inject({ method: 'GET', url: `/api/v1/files/${photo.id}`, headers: { authorization: `Bearer ${operations.token}` } });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.rawPayload.equals(PNG_1PX)).toBe(true);
    expect(back.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('破损照片.png')}`);
    expect((await operations.get('/api/v1/files/999999')).status).toBe(404);
  });

  it('refuses what is not an image or a PDF whatever it claims, an empty or oversized file, and a body with no file', async () => {
    const kept = async () => ((await t.deps.database.query('SELECT count(*)::int AS n FROM files')).rows[0] as { n: number }).n;
    const before = await kept();
    const script = await uploadFile(cs, 'photo.jpg', Buffer.from('<script>alert(1)</script>'), 'image/jpeg');
    expect(script.status).toBe(415);
    expect(script.body.error).toMatchObject({ code: 'unsupported_file_type', message: '只能上传图片（JPG、PNG、GIF、WebP）或 PDF 文件', details: [{ path: 'file', message: '文件内容不是图片或 PDF' }] });
    expect((await uploadFile(cs, 'empty.png', Buffer.alloc(0))).body.error.details).toEqual([{ path: 'file', message: '文件是空的' }]);
    const huge = Buffer.concat([PNG_1PX, Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await uploadFile(cs, 'huge.png', huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ code: 'file_too_large', message: '文件不能超过 10 MB' });
    const json = await cs.post('/api/v1/files', { file: 'x' });
    expect(json.body.error.details).toEqual([{ path: 'file', message: '没有收到文件' }]);
    const wrongField = multipartFile('a.png', PNG_1PX, 'image/png', 'photo');
    expect((await cs.request('POST', '/api/v1/files', wrongField.body, wrongField.headers)).body.error.details).toEqual([{ path: 'file', message: '没有收到文件' }]);
    expect((await uploadFile(operations)).status).toBe(403);
    expect((await anonymous(t.app).get('/api/v1/files/1')).status).toBe(401);
    expect(await kept()).toBe(before);
  });

  it('answers broken multipart bodies with a 4xx, never a 5xx', async () => {
    const { body, headers } = multipartFile('a.png', PNG_1PX, 'image/png');
    const broken: [Buffer | string, Record<string, string>][] = [
      [body.subarray(0, body.length - 10), headers],
      [body, { 'content-type': 'multipart/form-data' }],
      [body, { 'content-type': 'multipart/form-data; boundary=other' }],
      ['--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n', { 'content-type': 'multipart/form-data; boundary=x' }],
      [Buffer.from([0, 0xff, 0xd8, 0xff, 0]), headers],
    ];
    const statuses: number[] = [];
    for (const [payload, h] of broken) {
      const res = await cs.request('POST', '/api/v1/files', payload, h);
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(broken.length).fill(400));
  });
});
