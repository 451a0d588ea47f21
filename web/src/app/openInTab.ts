/** The browser refused the new tab (its popup blocker). */
export class PopupBlocked extends Error {}

/**
 * Opens a file fetched with the session's token (a PDF printed, an evidence file) in a new tab. The
 * tab is opened at the click, before the file is fetched, so no popup blocker stops it; it is closed
 * again when the file cannot be had.
 */
export async function openInTab(fetchFile: () => Promise<Blob>): Promise<void> {
  const tab = window.open('', '_blank');
  if (!tab) throw new PopupBlocked();
  try {
    const url = URL.createObjectURL(await fetchFile());
    tab.location.href = url;
    // the tab has loaded it by then; the URL is not needed any longer
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab.close();
    throw err;
  }
}
