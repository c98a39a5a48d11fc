// The style and script of the HTML report, inline so the page is one self-contained file.

export const REPORT_STYLE = `
:root { color-scheme: light dark; --breaking: #c62828; --warning: #b26a00; --info: #1565c0; --muted: #6b7280; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.counts { margin: 0 0 1rem; color: var(--muted); }
table.summary { border-collapse: collapse; margin-bottom: 1.25rem; }
table.summary th, table.summary td { border: 1px solid #8884; padding: .25rem .75rem; text-align: right; }
table.summary th:first-child { text-align: left; }
form#filters { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center; margin-bottom: 1rem; padding: .75rem; border: 1px solid #8884; border-radius: 6px; }
fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: .75rem; }
legend { float: left; margin-right: .5rem; font-weight: 600; }
#causes { list-style: none; padding: 0; margin: 0; }
#causes > li { border-left: 4px solid var(--muted); padding: .35rem .75rem; margin: .35rem 0; background: #8881; }
#causes > li.breaking { border-color: var(--breaking); }
#causes > li.warning { border-color: var(--warning); }
#causes > li.info { border-color: var(--info); }
[hidden] { display: none !important; }
summary { cursor: pointer; }
.badge { display: inline-block; min-width: 4.5rem; font-size: .75rem; font-weight: 700; text-transform: uppercase; }
.breaking .badge { color: var(--breaking); }
.warning .badge { color: var(--warning); }
.info .badge { color: var(--info); }
.reach, .location { color: var(--muted); }
p.component { margin: .35rem 0 0 1rem; color: var(--muted); }
ul.operations { margin: .35rem 0 .25rem 1rem; padding-left: 1rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, monospace; }
`

/** Shows the causes that match the checked severities and the chosen kind and tag, and counts them. */
export const REPORT_SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  var shown = document.getElementById('shown');
  var causes = Array.prototype.slice.call(document.querySelectorAll('#causes > li'));
  var tagsOf = causes.map(function (li) { return JSON.parse(li.getAttribute('data-tags') || '[]'); });
  function apply() {
    var severities = Array.prototype.map.call(form.querySelectorAll('input[name="severity"]:checked'), function (input) { return input.value; });
    var kind = form.elements.namedItem('kind').value;
    var tag = form.elements.namedItem('tag').value;
    var count = 0;
    causes.forEach(function (li, index) {
      var visible = severities.indexOf(li.getAttribute('data-severity')) >= 0 &&
        (kind === '' || li.getAttribute('data-kind') === kind) &&
        (tag === '' || tagsOf[index].indexOf(tag) >= 0);
      li.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = count + ' of ' + causes.length + ' changes shown';
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  apply();
})();
`

/** `sha256-…` of REPORT_SCRIPT for the page's Content-Security-Policy (a test recomputes it). */
export const REPORT_SCRIPT_HASH = 'sha256-50BV75V+1KwfwZrokzELOSko/mqY+GuZyhtG38RxLJA='
