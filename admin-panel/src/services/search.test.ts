import { describe, expect, it } from 'vitest';
import { hitPath, type SearchHit } from './search';

const hit = (type: string, id: number): SearchHit => ({ type, id, title: 'Grace Hopper', subtitle: '', score: 1, highlights: {} });

describe('hitPath', () => {
  it('opens each hit on its own page', () => {
    expect(hitPath(hit('clients', 9))).toBe('/clients/9');
    expect(hitPath(hit('resellers', 3))).toBe('/resellers/3');
    expect(hitPath(hit('plans', 2))).toBe('/dashboard');
  });
});
