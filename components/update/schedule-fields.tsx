"use client";
import { useTranslations } from "next-intl";
import { CALL_URL_MAX, PLACE_MAX } from "@/lib/update/schema";
import { Field, Input } from "@/components/ui/field";

export type ScheduleValues = { startsAt: string; endsAt: string; place: string; deadline: string; callUrl: string; timeZone: string };
type Props = {
  kind: "event" | "call";
  values: ScheduleValues;
  errors: Record<string, string[]>;
  timeZones: { zone: string; label: string }[];
  /** Tells two forms on one page apart (ids). */
  form?: string;
};

const selectClass =
  "w-full rounded-xl border border-line bg-card px-3.5 py-2.5 text-ink focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent aria-[invalid=true]:border-accent";

/**
 * The fields an event (start, optional end, time zone, place or online link) or a call to action
 * (until when, time zone, optional link) adds to an update. Times are typed as the publisher's
 * wall clock in the chosen zone; the server turns them into instants.
 */
export function ScheduleFields({ kind, values, errors, timeZones, form }: Props) {
  const t = useTranslations("updateForm");
  const zone = (
    <Field form={form} name="timeZone" label={t("timeZone")} errors={errors.timeZone}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name="timeZone" defaultValue={values.timeZone} className={selectClass} aria-describedby={describedBy} aria-invalid={invalid}>
          {timeZones.map(({ zone, label }) => (
            <option key={zone} value={zone}>
              {label} – {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  if (kind === "event") {
    return (
      <fieldset className="space-y-4 rounded-2xl border border-line p-4" data-testid="event-fields">
        <legend className="px-1 text-sm font-semibold">{t("eventLegend")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field form={form} name="startsAt" label={t("startsAt")} errors={errors.startsAt}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="datetime-local" name="startsAt" defaultValue={values.startsAt} required aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <Field form={form} name="endsAt" label={t("endsAt")} errors={errors.endsAt}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="datetime-local" name="endsAt" defaultValue={values.endsAt} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
        </div>
        {zone}
        <Field form={form} name="place" label={t("place")} errors={errors.place} hint={t("placeHint")} max={PLACE_MAX}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} name="place" defaultValue={values.place} maxLength={PLACE_MAX} required aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
      </fieldset>
    );
  }
  return (
    <fieldset className="space-y-4 rounded-2xl border border-line p-4" data-testid="call-fields">
      <legend className="px-1 text-sm font-semibold">{t("callLegend")}</legend>
      <Field form={form} name="deadline" label={t("deadline")} errors={errors.deadline} hint={t("deadlineHint")}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} type="datetime-local" name="deadline" defaultValue={values.deadline} required aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      {zone}
      <Field form={form} name="callUrl" label={t("callUrl")} errors={errors.callUrl} hint={t("callUrlHint")}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} type="url" name="callUrl" defaultValue={values.callUrl} maxLength={CALL_URL_MAX} placeholder="https://" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
    </fieldset>
  );
}
