import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Role } from '../platform/permissions';

/** The demo's staff: who they are, and each one signed in as an API caller. */

export const DEMO_PASSWORD = 'shopflow-demo';

export const DEMO_USERS = [
  { username: 'laowang', displayName: '王店长', roles: ['admin'] },
  { username: 'lizhuguan', displayName: '李主管', roles: ['supervisor'] },
  { username: 'xiaocai', displayName: '小蔡', roles: ['cs_presale'] },
  { username: 'xiaoyu', displayName: '小雨', roles: ['cs_presale'] },
  { username: 'xiaozhou', displayName: '小周', roles: ['cs_aftersale'] },
  { username: 'xiaoxu', displayName: '小徐', roles: ['cs_aftersale'] },
  { username: 'chenshifu', displayName: '陈师傅（杭州仓）', roles: ['warehouse'] },
  { username: 'huangshifu', displayName: '黄师傅（广州仓）', roles: ['warehouse'] },
  { username: 'liuyunying', displayName: '刘运营', roles: ['operations'] },
  { username: 'zhaokuaiji', displayName: '赵会计', roles: ['finance'] },
] as const satisfies readonly { username: string; displayName: string; roles: readonly Role[] }[];
export type DemoUsername = (typeof DEMO_USERS)[number]['username'];

/** Calls the API as one demo user and answers the reply as `T`; throws on anything but 2xx, naming the step. */
export type Call = <T = unknown>(method: InjectOptions['method'], url: string, body?: unknown) => Promise<T>;

function caller(app: FastifyInstance, token: string): Call {
  return async <T>(method: InjectOptions['method'], url: string, body?: unknown) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined && { payload: body as object }) });
    if (res.statusCode >= 300) throw new Error(`演示数据生成失败：${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
}

export type Staff = Record<DemoUsername, Call>;

export async function signInAll(app: FastifyInstance): Promise<Staff> {
  const staff: Partial<Staff> = {};
  for (const u of DEMO_USERS) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`演示账号 ${u.username} 登录失败：${res.body}`);
    staff[u.username] = caller(app, res.json<{ token: string }>().token);
  }
  return staff as Staff;
}
