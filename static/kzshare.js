// The Share button (ui/share.py), imported by the component's inline loader (ui/scripts.py).
export default function ({ data, parentElement }) {
  let root = parentElement.querySelector(':scope > .kzshare');
  if (!root) {
    root = document.createElement('div');
    root.className = 'kzshare';
    root.innerHTML = '<span class="kzshare-status" role="status" aria-live="polite"></span>'
      + '<input class="kzshare-link" type="text" readonly hidden>'
      + '<button type="button" class="kzshare-button"></button>';
    parentElement.appendChild(root);
  }
  const button = root.querySelector('button');
  const status = root.querySelector('.kzshare-status');
  const field = root.querySelector('input');
  button.textContent = data.label;
  button.title = data.help;
  field.setAttribute('aria-label', data.fallback);
  button.onclick = async () => {
    const url = window.location.href;
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(url);
        copied = true;
      }
    } catch (e) { copied = false; }
    if (copied) {
      field.hidden = true;
      status.textContent = data.copied;
      clearTimeout(root.__done);
      root.__done = setTimeout(() => { status.textContent = ''; }, 4000);
      return;
    }
    // No clipboard API here (plain http on another host) or it was refused: show the link to copy.
    field.value = url;
    field.hidden = false;
    field.focus();
    field.select();
    status.textContent = data.fallback;
  };
}
