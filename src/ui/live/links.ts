/** The link students open: this app's address with ?join=CODE (nothing else of the teacher's URL). */
export function joinLink(code: string): string {
  const u = new URL(document.baseURI);
  u.search = '';
  u.hash = '';
  u.searchParams.set('join', code);
  return u.href;
}
