import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { BreachNoticeContent } from '@app/incidents';

export const HOUR = 3600_000;

type Server = Parameters<typeof request>[0];

export const server = (app: INestApplication): Server => app.getHttpServer() as Server;

/** Opens an incident by hand through the API; returns its body. */
export async function openIncident(app: INestApplication, admin: string, body: Record<string, unknown>) {
  const res = await request(server(app)).post('/v1/incidents').set('Authorization', admin).send(body);
  if (res.status !== 201) throw new Error(`open incident: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; discoveredAt: string; deadlineAt: string; latestVersion: number; [k: string]: unknown };
}

/** The latest saved notice of an incident. */
export async function latestNotice(app: INestApplication, token: string, id: string): Promise<{ version: number; content: BreachNoticeContent }> {
  const res = await request(server(app)).get(`/v1/incidents/${id}/notice/versions`).set('Authorization', token).expect(200);
  return res.body.items[0];
}

/**
 * The draft completed as an admin does: every string left empty or still the configuration's placeholder
 * ("(địa chỉ trụ sở chính)", the tax code 0000000000) filled, a data category and a count when the draft has none.
 */
export function completed(content: BreachNoticeContent): BreachNoticeContent {
  const fill = (value: unknown, key: string): unknown => {
    if (key === 'taxCode' && (value === null || /^0+$/.test(String(value)))) return '3200123456';
    if (key === 'website' && value === null) return 'https://vanphong.example.gov.vn';
    if (typeof value === 'string' && (!value.trim() || /^\(.*\)$/.test(value.trim()))) {
      if (/email/i.test(key)) return 'dpo@example.gov.vn';
      if (/phone/i.test(key)) return '0233 3852 123';
      return `Nội dung ${key}`;
    }
    if (Array.isArray(value)) return value.map((v) => fill(v, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k)]));
    return value;
  };
  const done = fill(content, '') as BreachNoticeContent;
  const v = done.violation;
  if (!v.dataCategories.length) v.dataCategories = [{ field: 'fullName', label: 'Họ, chữ đệm và tên khai sinh', sensitive: false }];
  if (v.subjectsAffected === null && v.recordsAffected === null) v.subjectsAffected = 1;
  return done;
}
