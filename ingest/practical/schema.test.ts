import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import type { z } from 'zod';
import { practicalInfoSchema, practicalSectionSlugs, practicalSectionUrl, type PracticalInfo } from './schema.js';

const hospitalIds = ['fjordby', 'lyngaa', 'havnekobing'] as const;

function loadRaw(id: string): unknown {
  const file = fileURLToPath(new URL(`../demo/practical/${id}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function loadValid(id: string): PracticalInfo {
  return practicalInfoSchema.parse(loadRaw(id));
}

/** A deep, mutable copy of a valid file to break on purpose. */
function copyOf(id: string): Record<string, unknown> & {
  hospital: Record<string, unknown>;
  sections: Record<string, Record<string, unknown>> & {
    parking: Record<string, unknown> & { areas: Record<string, unknown>[] };
    wayfinding: Record<string, unknown> & { departments: Record<string, unknown>[] };
  };
} {
  return structuredClone(loadValid(id)) as ReturnType<typeof copyOf>;
}

function issuesOf(input: unknown): z.core.$ZodIssue[] {
  const result = practicalInfoSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues;
}

describe('practical info demo files', () => {
  it.each(hospitalIds)('%s.json parses with practicalInfoSchema', (id) => {
    const result = practicalInfoSchema.safeParse(loadRaw(id));
    if (!result.success) throw new Error(`${id}.json:\n${JSON.stringify(result.error.issues, null, 2)}`);
    expect(result.data.hospital.id).toBe(id);
    expect(result.data.hospital.demo).toBe(true);
  });

  it.each(hospitalIds)('%s.json has section urls under /demo/<id>/praktisk/', (id) => {
    const info = loadValid(id);
    for (const key of Object.keys(practicalSectionSlugs) as (keyof typeof practicalSectionSlugs)[]) {
      expect(info.sections[key].url).toBe(practicalSectionUrl(`/demo/${id}`, key));
    }
  });

  it.each(hospitalIds)('%s.json has enough departments and parking areas', (id) => {
    const info = loadValid(id);
    expect(info.sections.wayfinding.departments.length).toBeGreaterThanOrEqual(id === 'fjordby' ? 12 : 8);
    expect(info.sections.parking.areas.length).toBeGreaterThanOrEqual(id === 'fjordby' ? 3 : 2);
    for (const d of info.sections.wayfinding.departments) expect(d.aliases.length).toBeGreaterThan(0);
  });

  it.each(hospitalIds)('%s.json only uses phone numbers in its fictional series', (id) => {
    const prefix = { fjordby: '99 10', lyngaa: '99 20', havnekobing: '99 30' }[id];
    const phones = JSON.stringify(loadRaw(id)).match(/\b\d{2} \d{2} \d{2} \d{2}\b/g) ?? [];
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone.startsWith(prefix)).toBe(true);
  });
});

describe('practicalInfoSchema rejects bad input', () => {
  it('rejects an unknown field and names its path', () => {
    const bad = copyOf('fjordby');
    bad.sections.parking.areas[0] = { ...bad.sections.parking.areas[0], priceRule: ['typo'] };
    const issues = issuesOf(bad);
    const issue = issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue).toBeDefined();
    expect(issue?.path).toEqual(['sections', 'parking', 'areas', 0]);
    expect(issue?.code === 'unrecognized_keys' ? issue.keys : []).toEqual(['priceRule']);
  });

  it('rejects an unknown top-level section', () => {
    const bad = copyOf('lyngaa');
    bad.sections = { ...bad.sections, parkering: {} } as typeof bad.sections;
    const issue = issuesOf(bad).find((i) => i.code === 'unrecognized_keys');
    expect(issue?.path).toEqual(['sections']);
  });

  it('rejects a missing parking url and names the path', () => {
    const bad = copyOf('fjordby');
    delete bad.sections.parking.url;
    const issues = issuesOf(bad);
    expect(issues.map((i) => i.path)).toContainEqual(['sections', 'parking', 'url']);
    const error = practicalInfoSchema.safeParse(bad).error;
    expect(error?.message).toContain('url');
    expect(error?.message).toContain('parking');
  });

  it('rejects a demo section url that does not follow /demo/<id>/praktisk/<slug>', () => {
    const bad = copyOf('havnekobing');
    bad.sections.parking.url = '/demo/havnekobing/praktisk/parking';
    expect(issuesOf(bad).map((i) => i.path)).toContainEqual(['sections', 'parking', 'url']);
  });

  it('rejects a department that points at an unknown entrance', () => {
    const bad = copyOf('fjordby');
    bad.sections.wayfinding.departments[0] = { ...bad.sections.wayfinding.departments[0], entrance: 'indgang-42' };
    expect(issuesOf(bad).map((i) => i.path)).toContainEqual(['sections', 'wayfinding', 'departments', 0, 'entrance']);
  });

  it('rejects a badly formatted phone number', () => {
    const bad = copyOf('lyngaa');
    bad.hospital.phone = '99200000';
    expect(issuesOf(bad).map((i) => i.path)).toContainEqual(['hospital', 'phone']);
  });
});
