// What a reader sees in one rendered output: its text, the smallest WCAG contrast of any text against the
// background actually behind it, right-aligned prose, and the copyable command blocks.
function rgba(css) {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) return [0, 0, 0, 0];
  const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom) {
  const a = top[3];
  return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
}
function luminance(c) {
  const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
/** The opaque colour behind an element: every ancestor's background composed over the page's. */
function backgroundOf(el) {
  const layers = [];
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    layers.push(rgba(getComputedStyle(e).backgroundColor));
  }
  let bg = [255, 255, 255, 1];
  for (const layer of layers.reverse()) bg = over(layer, bg);
  return bg;
}
export function measure(host) {
  const texts = [];
  let minContrast = Infinity;
  const low = [];
  const rightAligned = [];
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || el.getClientRects().length === 0) continue;
    const bg = backgroundOf(el);
    const ratio = contrast(over(rgba(style.color), bg), bg);
    if (ratio < minContrast) minContrast = ratio;
    if (ratio < 4.5) low.push({ text: n.textContent.trim().slice(0, 60), ratio: +ratio.toFixed(2), color: style.color,
                                background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(',') + ')' });
    const block = el.closest('td,th,p,li,div,pre,caption');
    const align = block ? getComputedStyle(block).textAlign : 'start';
    if (align === 'right' || align === 'end') rightAligned.push(n.textContent.trim().slice(0, 60));
  }
  const commands = [...host.querySelectorAll('pre > code')].map(c => c.textContent);
  return {
    text: host.innerText,
    html: host.innerHTML,
    renderedClass: host.firstElementChild ? host.firstElementChild.className : '',
    minContrast: minContrast === Infinity ? null : +minContrast.toFixed(2),
    lowContrast: low.slice(0, 10),
    rightAligned: rightAligned.slice(0, 10),
    commands,
    titles: [...host.querySelectorAll('[title]')].map(e => e.getAttribute('title')),
    links: [...host.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  };
}
