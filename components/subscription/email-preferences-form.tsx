"use client";
import { useTranslations } from "next-intl";
import { useActionState, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { ActionState } from "@/lib/action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentZoneName } from "@/lib/subscription/time-zones";

export type PreferencesFormValues = {
  kindNews: boolean;
  kindEvent: boolean;
  kindCall: boolean;
  partnerNews: boolean;
  cadence: "instant" | "daily" | "weekly";
  weekday: number;
  timeZone: string;
  quietStart: string;
  quietEnd: string;
  pausedUntil: string;
  mailLocale: "de" | "en";
};

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Who the form is for: { token } (a preferences link) or { subscriptionId } (signed in). */
  fields: Record<string, string>;
  initial: PreferencesFormValues;
  /** Partner news exists for cause subscriptions only. */
  showPartnerNews: boolean;
  /** Every zone, with a label in the reader's language (lib/subscription/email/rules.ts). */
  timeZones: { zone: string; label: string }[];
  /** Bounds for the pause date (tomorrow … about a year), in the reader's time zone. */
  pauseMin: string;
  pauseMax: string;
};

const idle: ActionState = { status: "idle" };

const noSubscription = () => () => {};
/** The time zone of the device in hand; null while rendering on the server. */
const useDeviceTimeZone = () =>
  useSyncExternalStore(noSubscription, () => currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone ?? "") || null, () => null);

function Fieldset({ legend, hint, errors, name, children }: { legend: string; hint?: string; errors?: string[]; name: string; children: ReactNode }) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = errors?.length ? `${name}-error` : undefined;
  return (
    <fieldset className="space-y-2" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend className="mb-1 text-sm font-semibold">{legend}</legend>
      {children}
      {hint ? <p id={hintId} className="text-sm text-muted">{hint}</p> : null}
      {errorId ? <p id={errorId} role="alert" className="text-sm font-medium text-accent">{errors!.join(" ")}</p> : null}
    </fieldset>
  );
}

const choice = "flex items-center gap-2.5 text-[0.95rem]";
const box = "size-4 shrink-0 accent-accent";

/**
 * The one preferences form, for a preferences link and for a signed-in reader alike. Every field is
 * the reader's own choice; a save records one ledger entry listing what changed.
 */
export function EmailPreferencesForm({ action, fields, initial, showPartnerNews, timeZones, pauseMin, pauseMax }: Props) {
  const t = useTranslations("email.prefs");
  const [state, formAction] = useActionState(action, idle);
  const errors = state.fieldErrors ?? {};
  // After an error the form shows what was typed; otherwise what is saved.
  const typed = state.status === "error" ? state.values : undefined;
  const text = (name: keyof PreferencesFormValues) => typed?.[name] ?? String(initial[name]);
  const checked = (name: keyof PreferencesFormValues) => (typed ? typed[name] === "on" : Boolean(initial[name]));
  // The list is searchable by name ("Berlin") and by what the zone is called ("Mitteleuropäische");
  // when this device's clock differs from the one saved, one click takes it over.
  const deviceZone = useDeviceTimeZone();
  const zoneInput = useRef<HTMLInputElement>(null);
  const [zone, setZone] = useState(text("timeZone"));

  return (
    <form action={formAction} className="space-y-7" noValidate key={JSON.stringify(typed ?? initial)} data-testid="preferences-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage status={state.status} message={state.message} />

      <div className="grid gap-7 sm:grid-cols-2">
        <Fieldset legend={t("kinds")} hint={t("kindsHint")} errors={errors.kinds} name="kinds">
          {(["kindNews", "kindEvent", "kindCall"] as const).map((name) => (
            <label key={name} className={choice}>
              <input type="checkbox" name={name} defaultChecked={checked(name)} className={box} />
              {t(`kind.${name === "kindNews" ? "news" : name === "kindEvent" ? "event" : "call"}`)}
            </label>
          ))}
          {showPartnerNews ? (
            <label className={`${choice} border-t border-line pt-2`}>
              <input type="checkbox" name="partnerNews" defaultChecked={checked("partnerNews")} className={box} />
              {t("partnerNews")}
            </label>
          ) : null}
        </Fieldset>

        <Fieldset legend={t("cadence")} errors={errors.cadence} name="cadence">
          {(["instant", "daily", "weekly"] as const).map((value) => (
            <label key={value} className={choice}>
              <input type="radio" name="cadence" value={value} defaultChecked={text("cadence") === value} className={box} />
              {t(`cadenceOption.${value}`)}
            </label>
          ))}
          <div className="pt-1">
            <Field name="weekday" label={t("weekday")} errors={errors.weekday}>
              {({ id, describedBy, invalid }) => (
                <Select id={id} name="weekday" defaultValue={text("weekday")} aria-describedby={describedBy} aria-invalid={invalid}>
                  {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                    <option key={day} value={day}>{t(`weekdayName.${day}` as "weekdayName.1")}</option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
        </Fieldset>
      </div>

      <Field name="timeZone" label={t("timeZone")} errors={errors.timeZone} hint={t("timeZoneHint")}>
        {({ id, describedBy, invalid }) => (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <Input
              ref={zoneInput}
              id={id}
              name="timeZone"
              list="time-zones"
              defaultValue={text("timeZone")}
              onChange={(event) => setZone(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="sm:max-w-sm"
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
            <datalist id="time-zones">
              {timeZones.map(({ zone, label }) => <option key={zone} value={zone} label={label} />)}
            </datalist>
            {deviceZone && deviceZone !== currentZoneName(zone) ? (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                data-testid="use-device-zone"
                onClick={() => {
                  zoneInput.current!.value = deviceZone;
                  setZone(deviceZone);
                  zoneInput.current!.focus();
                }}
              >
                {t("useDeviceZone", { zone: deviceZone })}
              </Button>
            ) : null}
          </div>
        )}
      </Field>

      <Fieldset legend={t("quiet")} hint={t("quietHint")} errors={[...(errors.quietStart ?? []), ...(errors.quietEnd ?? [])]} name="quiet">
        <div className="flex flex-wrap gap-4">
          <label className="space-y-1 text-sm">
            <span className="block text-muted">{t("quietFrom")}</span>
            <Input type="time" name="quietStart" defaultValue={text("quietStart")} className="w-36" aria-invalid={Boolean(errors.quietStart)} />
          </label>
          <label className="space-y-1 text-sm">
            <span className="block text-muted">{t("quietTo")}</span>
            <Input type="time" name="quietEnd" defaultValue={text("quietEnd")} className="w-36" aria-invalid={Boolean(errors.quietEnd)} />
          </label>
        </div>
      </Fieldset>

      <div className="grid gap-7 sm:grid-cols-2">
        <Field name="pausedUntil" label={t("pause")} errors={errors.pausedUntil} hint={t("pauseHint")}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} type="date" name="pausedUntil" min={pauseMin} max={pauseMax} defaultValue={text("pausedUntil")} className="sm:max-w-56" aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field name="mailLocale" label={t("mailLocale")} errors={errors.mailLocale}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} name="mailLocale" defaultValue={text("mailLocale")} className="sm:max-w-56" aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="de" lang="de">Deutsch</option>
              <option value="en" lang="en">English</option>
            </Select>
          )}
        </Field>
      </div>

      <SubmitButton pendingLabel={t("saving")} data-testid="save-preferences">{t("save")}</SubmitButton>
    </form>
  );
}
