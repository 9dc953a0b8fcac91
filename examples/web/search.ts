/**
 * Report search page (plain DOM, no framework). Loaded by /reports/search.html.
 */

interface ReportSummary {
  readonly id: number;
  readonly title: string;
  readonly owner: string;
}

const params = new URLSearchParams(location.search);
const query = params.get('q') ?? '';

const heading = document.querySelector<HTMLHeadingElement>('#results-heading')!;
const subtitle = document.querySelector<HTMLParagraphElement>('#results-subtitle')!;
const counter = document.querySelector<HTMLSpanElement>('#results-count')!;
const list = document.querySelector<HTMLUListElement>('#results')!;
const safeList = document.querySelector<HTMLUListElement>('#results-v2')!;

// VULNERABLE (TSB301): the query string is echoed as HTML.
// /reports/search.html?q=<img src=x onerror=alert(document.cookie)>
heading.innerHTML = `Results for <em>${query}</em>`;

// SAFE: the same text as a text node.
subtitle.textContent = `Showing reports matching "${query}"`;

// VULNERABLE (TSB301): a marketing banner read from the URL fragment and written with document.write.
if (location.hash.length > 1) {
  document.write('<div class="banner">' + decodeURIComponent(location.hash.slice(1)) + '</div>');
}

function renderResults(reports: readonly ReportSummary[]): void {
  // SAFE: constant markup, and a number (cannot carry markup).
  list.innerHTML = '';
  counter.innerHTML = `<strong>${reports.length}</strong> reports`;

  for (const report of reports) {
    // VULNERABLE (TSB301): titles are written by users and rendered as HTML.
    list.insertAdjacentHTML('beforeend', `<li><a href="/reports/${report.id}">${report.title}</a> by ${report.owner}</li>`);

    // SAFE: build the element and set text, never markup.
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/reports/${encodeURIComponent(String(report.id))}`;
    link.textContent = report.title;
    item.append(link, ` by ${report.owner}`);
    safeList.append(item);
  }
}

// VULNERABLE (TSB301): an embedded widget posts HTML snippets that replace a placeholder,
// with no origin check and no sanitizing.
window.addEventListener('message', (event: MessageEvent<{ slot: string; html: string }>) => {
  const placeholder = document.getElementById(`slot-${event.data.slot}`);
  if (placeholder !== null) placeholder.outerHTML = event.data.html;
});

async function search(): Promise<void> {
  const response = await fetch(`/api/reports/search?q=${encodeURIComponent(query)}`, { credentials: 'same-origin' });
  renderResults((await response.json()) as ReportSummary[]);
}

void search();
