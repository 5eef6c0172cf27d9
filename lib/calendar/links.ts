// Where calendars live: one .ics per event, and a subscribable calendar per cause and per group
// (the same address with webcal:// makes calendar apps subscribe instead of import once).

export const eventCalendarPath = (updateId: string) => `/api/calendar/u/${updateId}`;
export const causeCalendarPath = (slug: string) => `/api/calendar/c/${slug}`;
export const groupCalendarPath = (slug: string) => `/api/calendar/g/${slug}`;

/** The webcal:// form of an absolute calendar address. */
export const webcal = (absolute: string) => absolute.replace(/^https?:\/\//, "webcal://");
