import { dirname, join } from 'node:path';
// The module is an instance whose methods live on its prototype: required whole, not star-imported.
import pdfmake = require('pdfmake');

/**
 * Tinos (Apache-2.0 / OFL-1.1, from the @expo-google-fonts/tinos npm package): metrically compatible with Times New
 * Roman, the face Decree 30/2020 names, with every Vietnamese glyph. pdfmake embeds the glyphs a document uses.
 */
export const DOCUMENT_FONT = 'Tinos';

const FONT_DIR = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));

let configured = false;

/** The pdfmake singleton with this font and no access to URLs or files beyond the font's own folder. */
export function documentPdfMake(): typeof pdfmake {
  if (!configured) {
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
    configured = true;
  }
  return pdfmake;
}
