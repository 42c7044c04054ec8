import sharp from 'sharp';

/**
 * The two icons Teams requires, drawn from SVG by the build (no committed images): an ID card
 * with a check mark, in the page's brand colour.
 */
const BRAND = '#0b5cad';
const PASS = '#19a463';

/** 192x192 full colour. Teams crops nothing but shows it on light and dark backgrounds. */
export function renderColorIcon(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
    <rect width="192" height="192" rx="36" fill="${BRAND}"/>
    <rect x="30" y="52" width="132" height="90" rx="12" fill="#fff"/>
    <circle cx="70" cy="88" r="16" fill="${BRAND}"/>
    <path d="M46 126c4-14 13-20 24-20s20 6 24 20z" fill="${BRAND}"/>
    <rect x="104" y="78" width="42" height="9" rx="4.5" fill="${BRAND}"/>
    <rect x="104" y="98" width="30" height="9" rx="4.5" fill="${BRAND}"/>
    <circle cx="146" cy="140" r="28" fill="${PASS}" stroke="#fff" stroke-width="6"/>
    <path d="M133 140l9 9 16-18" fill="none" stroke="#fff" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * 32x32 outline: white on a transparent background, nothing else (Teams' rule). Anti-aliased
 * edges keep their partial alpha; every pixel's colour is forced to pure white.
 */
export async function renderOutlineIcon(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
    <rect x="2" y="5" width="22" height="15" rx="2.5" fill="none" stroke="#fff" stroke-width="2"/>
    <circle cx="8.5" cy="11" r="2.4" fill="#fff"/>
    <path d="M4.8 17.2c.7-2.2 2-3.1 3.7-3.1s3 .9 3.7 3.1z" fill="#fff"/>
    <rect x="14" y="9.5" width="6.5" height="1.8" rx=".9" fill="#fff"/>
    <path d="M19 25.5l3 3 7-8" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>
  </svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += info.channels) data.fill(255, i, i + 3);
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png()
    .toBuffer();
}
