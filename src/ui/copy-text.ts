/**
 * Puts text on the clipboard. Where the browser refuses (no permission, a page not served
 * over https, an iframe without clipboard access), the reader gets the text in a prompt to
 * copy by hand. Resolves true when the text went to the clipboard.
 */
export async function copyText(text: string, promptMessage: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    prompt(promptMessage, text);
    return false;
  }
}
