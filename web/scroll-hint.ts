/**
 * A section whose table or chart is wider than the screen scrolls sideways; on a phone nothing
 * showed that it does (issue 22, defect 2). While there is more to the right (or left), the section
 * gets `clips-right` (`clips-left`): a shadow on that edge, and a hint under its title.
 */
import { h } from './dom.js';

export function showSideScroll(section: HTMLElement): void {
  const hint = h('p', { class: 'scroll-hint', 'aria-hidden': 'true' }, 'Scroll sideways for the rest →');
  section.querySelector('.caption, h2')?.after(hint);
  const update = () => {
    const more = section.scrollWidth - section.clientWidth;
    section.classList.toggle('clips-right', more > 1 && section.scrollLeft < more - 1);
    // A section that scrolls takes the keyboard focus, so that the arrow keys scroll it.
    if (more > 1) section.setAttribute('tabindex', '0');
    else section.removeAttribute('tabindex');
    section.classList.toggle('clips-left', more > 1 && section.scrollLeft > 1);
  };
  section.addEventListener('scroll', update, { passive: true });
  const observer = new ResizeObserver(() => {
    if (!section.isConnected) return observer.disconnect();
    update();
  });
  observer.observe(section);
  for (const child of section.children) observer.observe(child);
}
