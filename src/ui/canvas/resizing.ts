/** Ids of the server boxes being resized right now (their position changes are not key moves). */
export const resizing = new Set<string>();
