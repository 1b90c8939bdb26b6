/**
 * What every renderer does to a text before it escapes it: the text becomes well-formed
 * Unicode (a lone surrogate, which JSON and the chat clients choke on, becomes U+FFFD), line
 * breaks become "\n", and control characters other than tab and line break are dropped (they
 * have no visible meaning and some clients reject or mis-draw them).
 */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROL, '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 except tab and line feed, DEL, C1 (U+0085 became a line break above).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * For plain-text places that a client might still read as markup (a notification summary, a
 * text message sent as plain): an invisible U+200B breaks "](" (a markdown link) and "<" before
 * a letter, "!", "@", "#" or "/" (HTML, Teams' <at> mentions, Slack's <!channel> and <@U…>),
 * so nothing there becomes a link or mention even if the client ignores "plain". The visible
 * text stays the same.
 */
export function defangPlainText(text: string): string {
  return cleanText(text).replace(/\]\(/g, ']\u200B(').replace(/<(?=[A-Za-z!@#/])/g, '<\u200B');
}
