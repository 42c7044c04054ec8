import { normalizeText } from '../i18n/normalizeText';

/**
 * Which option a reply picks. Each option lists its label in every locale, so a user who
 * switched language mid-question, typed the option's number, or typed only the first words
 * of a button ("yes" for "Yes, that helped") is still understood.
 */
export function matchChoice(reply: string, options: readonly (readonly string[])[]): number | undefined {
  const said = normalizeText(reply);
  if (!said) return undefined;
  const number = /^(\d)$/.exec(said);
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < options.length ? index : undefined;
  }
  const labels = options.map((labelsOfOption) => labelsOfOption.map(normalizeText));
  const exact = labels.findIndex((ls) => ls.includes(said));
  if (exact >= 0) return exact;
  const prefixed = labels
    .map((ls, index) => ({
      index,
      hit: ls.some((label) => label.startsWith(`${said} `) || (isCjk(said) && label.startsWith(said))),
    }))
    .filter((o) => o.hit);
  return prefixed.length === 1 ? prefixed[0].index : undefined;
}

function isCjk(text: string): boolean {
  return /^[\p{Script=Han}]/u.test(text) && text.length >= 1;
}
