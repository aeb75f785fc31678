import { describe, expect, it } from 'vitest';
import { joinLink, joinLinkIsSecure } from '@/lib/classroom/join-link';

describe('joinLink', () => {
  it('prefers the first LAN URL over the page origin (a localhost link would point at each student’s own laptop)', () => {
    expect(joinLink({ code: 'ABC234', lanUrls: ['https://192.168.1.20:3000/', 'https://10.0.0.5:3000'], origin: 'http://localhost:3000' })).toBe('https://192.168.1.20:3000/join/ABC234');
  });

  it('falls back to the page origin without server-info or without LAN URLs', () => {
    expect(joinLink({ code: 'ABC234', lanUrls: null, origin: 'https://bench.example.org' })).toBe('https://bench.example.org/join/ABC234');
    expect(joinLink({ code: 'ABC234', lanUrls: [], origin: 'https://bench.example.org' })).toBe('https://bench.example.org/join/ABC234');
    expect(joinLink({ code: 'ABC234', lanUrls: ['not a url'], origin: 'http://x' })).toBe('http://x/join/ABC234');
  });

  it('says whether students get a secure context (WebGPU)', () => {
    expect(joinLinkIsSecure('https://192.168.1.20:3000/join/ABC234')).toBe(true);
    expect(joinLinkIsSecure('http://192.168.1.20:3000/join/ABC234')).toBe(false);
    expect(joinLinkIsSecure('/join/ABC234')).toBe(false);
  });
});
