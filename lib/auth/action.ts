import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { Membership } from "@/db/queries/books";
import type { SessionUser } from "@/lib/auth/session";
import { fieldErrorsOf, isAppError, messageFor, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";

/**
 * The one result of every authenticated server action: `ok` with what the handler returned, or an error code with
 * its Spanish message (and, for invalid input, one message per field, keyed by the field's path).
 */
export type ActionResult<T = void> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; error: string; fieldErrors?: Record<string, string> };

export type UserActionContext<I> = { user: SessionUser; db: Db; input: I };
export type BookActionContext<I> = UserActionContext<I> & Membership;

export function actionError(code: ErrorCode, fieldErrors?: Record<string, string>): ActionResult<never> {
  return { ok: false, code, error: messageFor(code), ...(fieldErrors ? { fieldErrors } : {}) };
}

type Scope = "user" | "book";
type Context<S extends Scope, I> = S extends "book" ? BookActionContext<I> : UserActionContext<I>;

/** Who is calling: the signed-in user (and, for `book` scope, the book they work in), or null. */
export type ResolveCaller = (scope: Scope) => Promise<Omit<BookActionContext<never>, "input"> | Omit<UserActionContext<never>, "input"> | null>;

// Loaded on first use: next-auth only loads inside Next (the guard's own tests pass their caller).
const fromSession: ResolveCaller = async (scope) => {
  const { getBookContext, getSessionUser } = await import("@/lib/auth/session");
  if (scope === "book") {
    const ctx = await getBookContext();
    return ctx && { user: ctx.user, db: ctx.db, book: ctx.book, role: ctx.role };
  }
  const user = await getSessionUser();
  return user && { user, db: await getDb() };
};

/**
 * The guard of every authenticated server action, in this order: validate the input with `schema` (failure:
 * `validation:invalid` with field errors) → session (`auth:unauthorized`) → for `book` scope, the book the user
 * is working in (memberships are checked there, in `getBookContext`) → the handler. An `AppError` the handler
 * throws becomes its code's result; anything else is logged as `<name>.failed` and becomes `internal:unexpected`.
 * Next's redirect/notFound pass through. `resolve` is the session (tests pass their own caller).
 */
export function guard<S extends Scope>(scope: S, resolve: ResolveCaller = fromSession) {
  return <Schema extends z.ZodType, T>(
    name: string,
    schema: Schema,
    handler: (ctx: Context<S, z.output<Schema>>) => Promise<T>,
  ) =>
    async (input: z.input<Schema>): Promise<ActionResult<T>> => {
      const parsed = schema.safeParse(input);
      if (!parsed.success) return actionError("validation:invalid", fieldErrorsOf(parsed.error.issues));
      try {
        const caller = await resolve(scope);
        if (!caller) return actionError("auth:unauthorized");
        return { ok: true, data: await handler({ ...caller, input: parsed.data } as Context<S, z.output<Schema>>) };
      } catch (e) {
        unstable_rethrow(e);
        if (isAppError(e) && e.code !== "internal:unexpected") return actionError(e.code);
        log.error(`${name}.failed`, { err: e });
        return actionError("internal:unexpected");
      }
    };
}

/** An action on the book the signed-in user is working in: the handler gets `{ user, book, role, db, input }`. */
export const bookAction = guard("book");

/** An action of a signed-in user that needs no current book (accepting an invitation, switching books). */
export const userAction = guard("user");

/** Adapts an action to `useActionState`'s `(previous, formData)` form: the form's fields are its input. */
export function formAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> =>
    action(Object.fromEntries(form) as I);
}
