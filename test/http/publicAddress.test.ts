import assert from 'node:assert/strict';
import { isPublicAddress } from '../../src/http/publicAddress';

describe('isPublicAddress', () => {
  const nonPublic = [
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.0.10',
    '169.254.169.254',
    '169.254.0.1',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.251',
    '255.255.255.255',
    '198.18.0.1',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001:db8::1',
    'not-an-ip',
  ];
  for (const address of nonPublic) {
    it(`refuses ${address}`, () => assert.equal(isPublicAddress(address), false));
  }

  const publicAddresses = [
    '8.8.8.8',
    '52.114.128.1',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '2a01:111:f403::1',
    '::ffff:52.114.128.1',
  ];
  for (const address of publicAddresses) {
    it(`allows ${address}`, () => assert.equal(isPublicAddress(address), true));
  }
});
