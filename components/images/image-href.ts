/** The detail page of an image, by its ID without the algorithm prefix (stable whatever its tags). */
export function imageHref(id: string): string {
  return `/images/${id.replace(/^sha256:/, '')}`;
}
