/** Just enough PNG decoding to check the Teams icons (8-bit, non-interlaced), with node:zlib. */
import { inflateSync } from 'node:zlib';

/** A decoded 8-bit PNG; `rgba` has 4 bytes a pixel, row after row. */
export interface PngImage {
  width: number;
  height: number;
  /** From IHDR: 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA. */
  colorType: number;
  rgba: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = new Map([
  [0, 1],
  [2, 3],
  [4, 2],
  [6, 4],
]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a),
    pb = Math.abs(p - b),
    pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters (PNG specification, section 9) of the inflated image data. */
function unfilter(data: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const at = y * stride + x;
      const a = x >= bpp ? (out[at - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[at - stride] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[at - stride - bpp] ?? 0) : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter ?? -1];
      if (predicted === undefined) throw new Error(`row ${y} has unknown filter type ${String(filter)}`);
      out[at] = ((data[y * (stride + 1) + 1 + x] ?? 0) + predicted) & 0xff;
    }
  }
  return out;
}

/**
 * Reads width, height and colour type from the IHDR chunk and inflates the IDAT chunks with
 * node:zlib. Handles what icons are made of (8-bit grey, RGB, grey + alpha, RGBA, not interlaced)
 * and throws on anything else, palettes included.
 */
export function decodePng(png: Buffer): PngImage {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG file');
  const width = png.readUInt32BE(16),
    height = png.readUInt32BE(20);
  const [bitDepth, colorType, , , interlace] = png.subarray(24, 29);
  const channels = CHANNELS.get(colorType ?? -1);
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(
      `unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}): expected 8-bit, non-interlaced, no palette`,
    );
  }
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  }
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, channels);
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = [...pixels.subarray(i * channels, (i + 1) * channels)];
    const [r = 0, g = r, b = r] = channels >= 3 ? p : [p[0]];
    rgba.set([r, g, b, channels % 2 === 0 ? (p[channels - 1] ?? 0) : 255], i * 4);
  }
  return { width, height, colorType: colorType ?? -1, rgba };
}
