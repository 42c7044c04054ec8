import net from 'node:net';

/**
 * IPv4 ranges that are never a public file host: "this network", private, carrier-grade NAT,
 * loopback, link-local (cloud metadata at 169.254.169.254), IETF protocol assignments,
 * documentation, 6to4 relay, benchmarking, multicast, reserved and broadcast.
 */
const NON_PUBLIC_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/**
 * Inside global unicast (2000::/3) these still reach somewhere other than a public host:
 * IETF protocol assignments (Teredo, ORCHID, benchmarking), documentation, and 6to4, whose
 * embedded IPv4 address could be private.
 */
const NON_PUBLIC_V6_IN_GLOBAL: readonly (readonly [string, number])[] = [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
];

const nonPublicV4 = new net.BlockList();
for (const [network, prefix] of NON_PUBLIC_V4) nonPublicV4.addSubnet(network, prefix, 'ipv4');

const nonPublicV6 = new net.BlockList();
for (const [network, prefix] of NON_PUBLIC_V6_IN_GLOBAL) nonPublicV6.addSubnet(network, prefix, 'ipv6');

const globalUnicastV6 = new net.BlockList();
globalUnicastV6.addSubnet('2000::', 3, 'ipv6');

const ipv4MappedV6 = new net.BlockList();
ipv4MappedV6.addSubnet('::ffff:0:0', 96, 'ipv6');

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * True only for a unicast address on the public internet. IPv6 is allowed only inside
 * 2000::/3, which leaves out ::, ::1, unique-local fc00::/7, link-local fe80::/10, multicast
 * ff00::/8 and NAT64; IPv4-mapped IPv6 is judged by its IPv4 address.
 */
export function isPublicAddress(address: string): boolean {
  // A zone id (fe80::1%eth0) only exists for link-local addresses, and BlockList ignores it.
  if (address.includes('%')) return false;
  switch (net.isIP(address)) {
    case 4:
      return !nonPublicV4.check(address, 'ipv4');
    case 6:
      if (ipv4MappedV6.check(address, 'ipv6')) return !nonPublicV4.check(address, 'ipv6');
      return globalUnicastV6.check(address, 'ipv6') && !nonPublicV6.check(address, 'ipv6');
    default:
      return false;
  }
}

export function isLoopbackAddress(address: string): boolean {
  switch (net.isIP(address)) {
    case 4:
      return loopback.check(address, 'ipv4');
    case 6:
      return loopback.check(address, 'ipv6');
    default:
      return false;
  }
}
