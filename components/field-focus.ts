/**
 * The review form and the document viewer are siblings on the page: when a field gets focus the form announces the
 * extraction keys it shows, and the viewer highlights and scrolls to their source boxes.
 */
export const FIELD_FOCUS_EVENT = "anclora:field-focus";

export type FieldFocusDetail = { keys: string[] };

export function announceFieldFocus(keys: string[]) {
  window.dispatchEvent(new CustomEvent<FieldFocusDetail>(FIELD_FOCUS_EVENT, { detail: { keys } }));
}
