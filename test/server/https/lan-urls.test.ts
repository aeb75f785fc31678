import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses, lanUrls } from '@/lib/server/lan-urls.mjs';

/** The addresses students are shown (terminal, certificate, server-info), from a fixed interface table. */
const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo;
const interfaces = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('fd00::2', 'IPv6'), nic('192.168.1.5', 'IPv4'), nic('fe80::1', 'IPv6')],
  wlan0: [nic('10.0.0.7', 'IPv4'), nic('192.168.1.5', 'IPv4')],
};

describe('LAN addresses and URLs', () => {
  it('lists IPv4 first, then routable IPv6; no loopback, no link-local, no duplicates', () => {
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.5', '10.0.0.7', 'fd00::2']);
  });

  it('builds one URL per address when listening on every interface, brackets around IPv6', () => {
    const all = ['https://192.168.1.5:3000', 'https://10.0.0.7:3000', 'https://[fd00::2]:3000'];
    for (const host of [undefined, '', '0.0.0.0', '::']) expect(lanUrls({ protocol: 'https', port: 3000, host, interfaces })).toEqual(all);
  });

  it('names only the listen address when bound to one, and nothing when bound to loopback', () => {
    expect(lanUrls({ protocol: 'http', port: 80, host: '10.0.0.7', interfaces })).toEqual(['http://10.0.0.7:80']);
    expect(lanUrls({ protocol: 'https', port: 443, host: '[fd00::2]', interfaces })).toEqual(['https://[fd00::2]:443']);
    expect(lanUrls({ protocol: 'https', port: 3000, host: '127.0.0.1', interfaces })).toEqual([]);
  });
});
