// Masking for values shown on screen where someone may be looking over the person's shoulder:
// document numbers on the review step show only their last four characters until "Show" is pressed.
export function maskDocumentNumber(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length === 0) return '';
  const visible = chars.length > 6 ? 4 : Math.max(1, chars.length - 4);
  return '•'.repeat(chars.length - visible) + chars.slice(chars.length - visible).join('');
}
