import assert from 'node:assert/strict';
import {
  generateTicketNumber,
  isValidTicketNumber,
  parseTicketNumber,
  TICKET_NUMBER_ALPHABET,
} from '../../src/tickets/ticketNumber';

function replaceAt(text: string, index: number, symbol: string): string {
  return text.slice(0, index) + symbol + text.slice(index + 1);
}

describe('ticket numbers', function () {
  it('look like KYC- and seven symbols from an alphabet without 0, O, 1, I, L, U or Z', function () {
    for (let index = 0; index < 500; index += 1) {
      const number = generateTicketNumber();
      assert.match(number, /^KYC-[23456789ABCDEFGHJKMNPQRSTVWXY]{7}$/);
      assert.ok(isValidTicketNumber(number));
    }
    assert.doesNotMatch(TICKET_NUMBER_ALPHABET, /[01OILUZ]/);
  });

  it('draw every random position from the whole alphabet', function () {
    // Each symbol is missing from 2,000 draws with probability (28/29)^2000 ≈ 1e-30.
    const seen = Array.from({ length: 6 }, () => new Set<string>());
    for (let draw = 0; draw < 2000; draw += 1) {
      const symbols = generateTicketNumber().slice(4);
      seen.forEach((set, position) => set.add(symbols.charAt(position)));
    }
    assert.deepEqual(
      seen.map((set) => set.size),
      [29, 29, 29, 29, 29, 29],
    );
  });

  it('reject every single mistyped symbol through the check symbol', function () {
    const number = generateTicketNumber();
    const symbols = number.slice(4);
    for (let position = 0; position < symbols.length; position += 1) {
      for (const wrong of TICKET_NUMBER_ALPHABET) {
        if (wrong === symbols[position]) continue;
        assert.equal(
          parseTicketNumber(replaceAt(symbols, position, wrong)),
          undefined,
          `${symbols} -> ${wrong}@${position}`,
        );
      }
    }
  });

  it('reject two neighbouring symbols swapped', function () {
    for (let draw = 0; draw < 200; draw += 1) {
      const symbols = generateTicketNumber().slice(4);
      for (let position = 0; position < symbols.length - 1; position += 1) {
        const a = symbols.charAt(position);
        const b = symbols.charAt(position + 1);
        if (a === b) continue;
        const swapped = symbols.slice(0, position) + b + a + symbols.slice(position + 2);
        assert.equal(parseTicketNumber(swapped), undefined, `${symbols} swapped at ${position}`);
      }
    }
  });

  it('accept what people type: lower case, spaces, dashes, full-width, with or without the prefix', function () {
    const number = generateTicketNumber();
    const symbols = number.slice(4);
    const spaced = `${symbols.slice(0, 3)} ${symbols.slice(3)}`.toLowerCase();
    assert.equal(parseTicketNumber(` kyc-${spaced} `), number);
    assert.equal(parseTicketNumber(symbols), number);
    assert.equal(parseTicketNumber(`KYC ${symbols.slice(0, 4)}-${symbols.slice(4)}`), number);
    const fullWidth = Array.from(number, (char) =>
      char === '-' ? char : String.fromCharCode(char.charCodeAt(0) + 0xfee0),
    ).join('');
    assert.equal(parseTicketNumber(fullWidth), number);
  });

  it('reject SQL-ish strings, wrong lengths and ambiguous symbols', function () {
    for (const input of [
      "'; DROP TABLE tickets;--",
      '',
      'KYC-',
      'KYC-ABCDEF',
      'KYC-ABCDEFGH2',
      'KYC-0O1IL2U',
      'x'.repeat(10_000),
    ]) {
      assert.equal(parseTicketNumber(input), undefined, input.slice(0, 40));
    }
  });
});
