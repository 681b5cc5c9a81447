/** "K3QZ7XWB2M4TJ6PA" -> "K3QZ 7XWB 2M4T J6PA": easier to read out and to type at the door. */
export function groupTicketCode(code: string): string {
  const plain = code.replace(/[\s-]/g, '').toUpperCase();
  return (plain.match(/.{1,4}/g) ?? []).join(' ');
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The SVG as an image address: shown through <img>, so none of its markup runs in the page. An
 * SVG made for inlining in HTML may leave out its namespace, without which a browser will not
 * draw it as a standalone image; it is added when missing.
 */
export function svgDataUrl(svg: string): string {
  const document = /<svg[^>]*\sxmlns=/.test(svg)
    ? svg
    : svg.replace(/<svg(?=[\s>])/, `<svg xmlns="${SVG_NS}"`);
  return `data:image/svg+xml;utf8,${encodeURIComponent(document)}`;
}
