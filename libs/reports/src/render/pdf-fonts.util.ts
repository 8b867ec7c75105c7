import { dirname, join } from 'node:path';
import type * as PdfMake from 'pdfmake';


/**
 * Tinos (SIL Open Font License 1.1, from the @expo-google-fonts/tinos npm package, whose code is MIT): metrically compatible with Times New
 * Roman, the face Decree 30/2020 names, with every Vietnamese glyph. pdfmake embeds the glyphs a document uses.
 */
export const DOCUMENT_FONT = 'Tinos';

const FONT_DIR = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));

let configured: typeof PdfMake | undefined;

/**
 * The pdfmake singleton with this font and no access to URLs or files beyond the font's own folder. Loaded on first
 * use (a third of a second), as most processes never write a PDF.
 */
export function documentPdfMake(): typeof PdfMake {
  if (!configured) {
    // The module is an instance whose methods live on its prototype and read `this`: neither a star import (which
    // copies own properties) nor named imports (called without `this`) keep them, so it is required whole.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pdfmake: typeof PdfMake = require('pdfmake');
    pdfmake.setFonts({
      [DOCUMENT_FONT]: {
        normal: join(FONT_DIR, '400Regular', 'Tinos_400Regular.ttf'),
        bold: join(FONT_DIR, '700Bold', 'Tinos_700Bold.ttf'),
        italics: join(FONT_DIR, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
        bolditalics: join(FONT_DIR, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
    configured = pdfmake;
  }
  return configured;
}
